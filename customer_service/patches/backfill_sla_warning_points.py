"""Open tasks created before warning points existed get them, so the SLA job can warn them."""

import frappe
from frappe.utils import flt, get_datetime

from customer_service.settings import get_settings, get_working_calendar
from customer_service.sla import received_on, warning_point


def execute():
	share = flt(get_settings().sla_warning_percent or 80) / 100
	calendar = get_working_calendar()
	for task in frappe.get_all(
		"Service Task",
		filters={"status": ("not in", ("Completed", "Closed", "Void", "Invalid Request")), "resolution_warning_at": ("is", "not set")},
		fields=["name", "reception", "creation", "priority", "response_by", "resolution_by"],
	):
		start = received_on(task)
		values = {}
		if task.response_by:
			values["response_warning_at"] = warning_point(
				start, get_datetime(task.response_by), share, calendar, on_clock=task.priority == "Emergency"
			)
		if task.resolution_by:
			values["resolution_warning_at"] = warning_point(
				start, get_datetime(task.resolution_by), share, calendar, on_clock=task.priority == "Emergency"
			)
		if values:
			frappe.db.set_value("Service Task", task.name, values, update_modified=False)
