"""Customer Service Settings, read once per request or job."""

from __future__ import annotations

import frappe
from frappe.utils import get_time, getdate

from customer_service.working_calendar import WorkingCalendar


def get_settings():
	return frappe.get_cached_doc("Customer Service Settings")


def get_working_calendar() -> WorkingCalendar:
	settings = get_settings()
	return WorkingCalendar(
		get_time(settings.work_start or "09:00:00"),
		get_time(settings.work_end or "18:00:00"),
		[(getdate(row.date), bool(row.is_working_day)) for row in settings.calendar_exceptions],
	)


def get_paused_states() -> set[str]:
	return {row.workflow_state for row in get_settings().paused_states}
