# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_time, getdate


class InvalidCalendarError(frappe.ValidationError):
	pass


class CustomerServiceSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from customer_service.customer_service.doctype.calendar_exception.calendar_exception import CalendarException
		from customer_service.customer_service.doctype.paused_task_state.paused_task_state import PausedTaskState
		from frappe.types import DF

		background_unit_threshold: DF.Int
		calendar_exceptions: DF.Table[CalendarException]
		compensation_manager_limit: DF.Currency
		complaint_callback_days: DF.Int
		default_resolution_hours: DF.Float
		dispatch_working_hours: DF.Float
		emergency_response_hours: DF.Float
		enable_penalty_ledger: DF.Check
		escalation_window_days: DF.Int
		paused_states: DF.TableMultiSelect[PausedTaskState]
		penalty_amount: DF.Currency
		repair_callback_days: DF.Int
		require_completion_evidence: DF.Check
		response_working_hours: DF.Float
		sla_warning_percent: DF.Percent
		systemic_threshold_percent: DF.Percent
		work_end: DF.Time
		work_start: DF.Time
	# end: auto-generated types
	def validate(self):
		self.validate_working_hours()
		self.validate_calendar_exceptions()

	def validate_working_hours(self):
		if get_time(self.work_start) >= get_time(self.work_end):
			frappe.throw(
				_("Work start {0} must be before work end {1}").format(self.work_start, self.work_end),
				title=_("Invalid Working Hours"),
				exc=InvalidCalendarError,
			)

	def validate_calendar_exceptions(self):
		seen = set()
		for row in self.calendar_exceptions:
			day = getdate(row.date)
			if day in seen:
				frappe.throw(
					_("Row {0}: date {1} is listed twice").format(row.idx, frappe.format(day, "Date")),
					title=_("Invalid Calendar"),
					exc=InvalidCalendarError,
				)
			if row.is_working_day and day.weekday() < 5:
				frappe.throw(
					_("Row {0}: {1} is a weekday; only a Saturday or Sunday can be a make-up workday").format(
						row.idx, frappe.format(day, "Date")
					),
					title=_("Invalid Calendar"),
					exc=InvalidCalendarError,
				)
			seen.add(day)
		self.calendar_exceptions.sort(key=lambda r: getdate(r.date))
		for idx, row in enumerate(self.calendar_exceptions, start=1):
			row.idx = idx
