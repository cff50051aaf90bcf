# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_time, getdate

from customer_service.escalation_ladder import TIERS
from customer_service.permissions import on_stored_record
from customer_service.public_holidays import add_public_holidays
from customer_service.setup.rules import PENALTY_RANGE


class InvalidCalendarError(frappe.ValidationError):
	pass


class InvalidRulesError(frappe.ValidationError):
	pass


class CustomerServiceSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from customer_service.customer_service.doctype.calendar_exception.calendar_exception import CalendarException
		from customer_service.customer_service.doctype.callback_rule.callback_rule import CallbackRule
		from customer_service.customer_service.doctype.escalation_level.escalation_level import EscalationLevel
		from customer_service.customer_service.doctype.penalty_rule.penalty_rule import PenaltyRule
		from customer_service.customer_service.doctype.repeat_escalation_rule.repeat_escalation_rule import RepeatEscalationRule
		from customer_service.customer_service.doctype.revisit_schedule_rule.revisit_schedule_rule import RevisitScheduleRule
		from frappe.types import DF

		background_unit_threshold: DF.Int
		calendar_exceptions: DF.Table[CalendarException]
		callback_rules: DF.Table[CallbackRule]
		compensation_manager_limit: DF.Currency
		default_resolution_hours: DF.Float
		dispatch_working_hours: DF.Float
		emergency_response_hours: DF.Float
		enable_penalty_ledger: DF.Check
		escalation_levels: DF.Table[EscalationLevel]
		escalation_window_days: DF.Int
		penalty_rules: DF.Table[PenaltyRule]
		repeat_needs_dissatisfaction: DF.Check
		repeat_rules: DF.Table[RepeatEscalationRule]
		require_completion_evidence: DF.Check
		response_working_hours: DF.Float
		revisit_schedule: DF.Table[RevisitScheduleRule]
		revisits_scheduled_until: DF.Date | None
		sla_warning_percent: DF.Percent
		systemic_threshold_percent: DF.Percent
		work_end: DF.Time
		work_start: DF.Time
	# end: auto-generated types
	def validate(self):
		self.validate_working_hours()
		self.validate_calendar_exceptions()
		self.validate_penalties()
		self.validate_escalation_levels()

	def validate_penalties(self):
		low, high = PENALTY_RANGE
		for row in self.penalty_rules:
			if not low <= flt(row.amount) <= high:
				frappe.throw(
					_("Row {0}: the penalty for {1} must be between {2} and {3} (the manual's range)").format(
						row.idx, _(row.reason), low, high
					),
					title=_("Invalid Penalty"),
					exc=InvalidRulesError,
				)

	def validate_escalation_levels(self):
		seen = [row.org_type for row in self.escalation_levels]
		if len(seen) != len(set(seen)) or seen != sorted(seen, key=TIERS.index):
			frappe.throw(
				_("List each level once, from the bottom up: {0}").format(" → ".join(_(t) for t in TIERS)),
				title=_("Invalid Escalation Levels"),
				exc=InvalidRulesError,
			)

	@frappe.whitelist()
	@on_stored_record("write")
	def fill_public_holidays(self, year: int) -> dict:
		"""Add the official holidays and make-up workdays of `year`; rows already there stay as they are."""
		frappe.only_for(("CS Administrator", "System Manager"))
		added = add_public_holidays(self, int(year))
		self.save()
		return {"added": added, "year": int(year)}

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
