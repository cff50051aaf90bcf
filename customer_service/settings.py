"""Customer Service Settings, read once per request or job, and the rules they hold."""

from __future__ import annotations

import frappe
from frappe.utils import cint, flt, get_time, getdate

from customer_service.escalation_ladder import Level, RepeatRule
from customer_service.working_calendar import WorkingCalendar


def get_settings():
	return frappe.get_cached_doc("Customer Service Settings")


def get_working_calendar() -> WorkingCalendar:
	"""The working calendar, built once per settings version and request."""
	settings = get_settings()
	cached = getattr(frappe.local, "cs_calendar", None)
	if cached and cached[0] == settings.modified:
		return cached[1]
	calendar = WorkingCalendar(
		get_time(settings.work_start or "09:00:00"),
		get_time(settings.work_end or "18:00:00"),
		[(getdate(row.date), bool(row.is_working_day)) for row in settings.calendar_exceptions],
	)
	frappe.local.cs_calendar = (settings.modified, calendar)
	return calendar


def repeat_rules() -> list[RepeatRule]:
	return [
		RepeatRule(row.task_type, cint(row.report_number), row.becomes or None, row.escalate_to)
		for row in get_settings().repeat_rules
	]


def escalation_levels() -> list[Level]:
	"""The enabled levels above the customer service centre, bottom up."""
	return [
		Level(row.org_type, flt(row.working_hours), flt(row.penalty_multiplier) or 1.0)
		for row in get_settings().escalation_levels
		if row.enabled
	]


def penalty_amount(reason: str) -> float | None:
	"""The amount of an enabled penalty rule, None when the reason books nothing."""
	for row in get_settings().penalty_rules:
		if row.enabled and row.reason == reason:
			return flt(row.amount)
	return None


def callback_days(task_type: str) -> int | None:
	"""Days after completion a callback of this task type is due; None: no callback."""
	for row in get_settings().callback_rules:
		if row.enabled and row.task_type == task_type:
			return cint(row.due_days)
	return None


def revisit_schedule() -> list[frappe._dict]:
	return [row for row in get_settings().revisit_schedule if row.enabled]
