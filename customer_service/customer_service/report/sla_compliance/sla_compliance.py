# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""投诉处理及时率: response and resolution on time, ageing and working hours to breach per task."""

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, get_datetime, getdate, now_datetime, nowdate

from customer_service.sla import hours_to_breach
from customer_service.state_categories import TASK_DONE
from customer_service.reports import report


@report
def execute(filters):
	rows = get_data(filters)
	return get_columns(), rows, None, None, get_summary(rows)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "name", "label": _("Task"), "fieldtype": "Link", "options": "Service Task", "width": 150},
		{"fieldname": "task_type", "label": _("Task Type"), "fieldtype": "Data", "width": 110},
		{"fieldname": "priority", "label": _("Priority"), "fieldtype": "Data", "width": 90},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "project", "label": _("Project"), "fieldtype": "Link", "options": "Property Project", "width": 120},
		{"fieldname": "responsible_user", "label": _("Responsible User"), "fieldtype": "Link", "options": "User", "width": 150},
		{"fieldname": "response_on_time", "label": _("Responded on Time"), "fieldtype": "Check", "width": 110},
		{"fieldname": "resolution_on_time", "label": _("Resolved on Time"), "fieldtype": "Check", "width": 110},
		{"fieldname": "hours_to_breach", "label": _("Working Hours to Breach"), "fieldtype": "Float", "precision": 1, "width": 150},
		{"fieldname": "age_days", "label": _("Age (Days)"), "fieldtype": "Int", "width": 90},
		{"fieldname": "escalation_level", "label": _("Escalation Level"), "fieldtype": "Int", "width": 110},
	]


def get_data(filters) -> list[dict]:
	conditions = {"creation": ("between", [filters.from_date or add_days(nowdate(), -30), filters.to_date or nowdate()])}
	for field in ("company", "project", "task_type", "priority"):
		if filters.get(field):
			conditions[field] = filters.get(field)
	tasks = frappe.get_list(
		"Service Task",
		filters=conditions,
		fields=[
			"name", "task_type", "priority", "status", "status_category", "project", "responsible_user", "creation",
			"escalation_level",
			"response_by", "responded_on", "resolution_by", "completed_on", "is_overdue", "paused_since",
		],
		order_by="creation desc",
		limit_page_length=0,
	)  # fmt: skip
	now = now_datetime()
	for task in tasks:
		done = task.status_category in TASK_DONE
		answered = task.responded_on or (task.completed_on if done else None)
		task.response_on_time = int(bool(answered and task.response_by and get_datetime(answered) <= get_datetime(task.response_by)))
		task.resolution_on_time = int(
			bool(task.completed_on and task.resolution_by and get_datetime(task.completed_on) <= get_datetime(task.resolution_by))
		)
		task.hours_to_breach = None if done else hours_to_breach(task, now)
		task.age_days = date_diff(getdate(task.completed_on or now), getdate(task.creation))
		task.task_type, task.priority, task.status = _(task.task_type), _(task.priority), _(task.status)
	return tasks


def get_summary(rows: list[dict]) -> list[dict]:
	finished = [r for r in rows if r.status_category in ("Completed", "Closed")]

	def rate(part, whole):
		return round(100 * part / whole, 1) if whole else 0

	return [
		{"label": _("Tasks"), "value": len(rows), "datatype": "Int"},
		{"label": _("Response on Time"), "value": rate(sum(r.response_on_time for r in rows), len(rows)), "datatype": "Percent"},
		{
			"label": _("Resolution on Time"),
			"value": rate(sum(r.resolution_on_time for r in finished), len(finished)),
			"datatype": "Percent",
		},
		{"label": _("Overdue Tasks"), "value": sum(1 for r in rows if r.is_overdue and r.status_category not in TASK_DONE), "datatype": "Int", "indicator": "Red"},
	]
