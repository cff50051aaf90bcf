"""Service levels of a task: deadlines on the working calendar, pauses, overdue flags.

Deadlines are set when a task is created and recomputed when its priority or
category changes. States of category Paused (an admin's "Waiting for Homeowner")
stop the resolution clock; leaving them pushes the deadlines out by the working
time spent there. A scheduled job flags tasks whose SLA is nearly used or
breached; its queries touch only open, unflagged tasks past a deadline (indexed).
"""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe.utils import flt, get_datetime, now_datetime

from customer_service.categories import get_category_setting
from customer_service.jobs import run_isolated
from customer_service.settings import get_settings, get_working_calendar
from customer_service.state_categories import entered, initial_state, left
from customer_service.working_calendar import add_clock_hours, response_deadline, resume_after_pause

# what the resolution clock pushes out when a task leaves a Paused state
PAUSED_DEADLINES = ("resolution_by", "resolution_warning_at", "escalation_due_by")


def received_on(task) -> datetime:
	reception_time = task.reception and frappe.db.get_value("Service Reception", task.reception, "received_on")
	return get_datetime(reception_time or task.creation or now_datetime())


def set_deadlines(task) -> None:
	"""dispatch_by, response_by, resolution_by from the calendar, the category and the priority."""
	settings = get_settings()
	calendar = get_working_calendar()
	start = received_on(task)
	emergency = task.priority == "Emergency"
	response_hours = flt(get_category_setting(task.problem_category, "response_hours")) or flt(
		settings.response_working_hours
	)
	resolution_hours = flt(get_category_setting(task.problem_category, "resolution_hours")) or flt(
		settings.default_resolution_hours
	)
	dispatch_hours = flt(settings.dispatch_working_hours)
	task.dispatch_by = add_clock_hours(start, dispatch_hours) if emergency else calendar.add_working_hours(start, dispatch_hours)
	task.response_by = response_deadline(
		start,
		emergency,
		calendar,
		emergency_hours=flt(settings.emergency_response_hours),
		response_working_hours=response_hours,
	)
	resolution_by = calendar.add_working_hours(start, resolution_hours + flt(task.paused_working_hours))
	if emergency:
		resolution_by = min(resolution_by, add_clock_hours(start, max(resolution_hours, flt(settings.emergency_response_hours))))
	task.resolution_by = resolution_by
	share = flt(settings.sla_warning_percent or 80) / 100
	task.response_warning_at = warning_point(start, task.response_by, share, calendar, on_clock=emergency)
	task.resolution_warning_at = warning_point(start, task.resolution_by, share, calendar, on_clock=emergency)
	if not is_breached(task, now_datetime()):
		task.is_overdue = 0  # new deadlines may lift an overdue flag, never set one (the job does)


def warning_point(start, deadline, share: float, calendar, on_clock: bool):
	"""The moment `share` of the budget from start to deadline is used (clock or working time)."""
	if on_clock:
		return start + (deadline - start) * share
	return calendar.add_working_hours(start, share * calendar.working_hours_between(start, deadline))


def track_pause(task) -> None:
	"""Stop the resolution clock on entering a Paused state; restart it, pushed out, on leaving."""
	if entered(task, "Paused"):
		task.paused_since = now_datetime()
	elif left(task, "Paused") and task.paused_since:
		calendar = get_working_calendar()
		paused_since, now = get_datetime(task.paused_since), now_datetime()
		if task.resolution_by and get_datetime(task.resolution_by) > paused_since:  # the pause stopped a running clock
			task.paused_working_hours = flt(
				flt(task.paused_working_hours) + calendar.working_hours_between(paused_since, now), 6
			)
		for field in PAUSED_DEADLINES:
			if task.get(field):
				task.set(field, resume_after_pause(calendar, get_datetime(task.get(field)), paused_since, now))
		task.paused_since = None


def completion(task, completed_on) -> dict:
	"""`completed_on` and `resolved_in_hours` of a task completed at that moment (None: reopened):
	the working hours from its reception, without the time it spent paused — on the clock for an
	emergency, as its deadlines are."""
	if not completed_on:
		return {"completed_on": None, "resolved_in_hours": 0}
	start, end = received_on(task), get_datetime(completed_on)
	if task.priority == "Emergency":
		hours = max((end - start).total_seconds() / 3600, 0)
	else:
		hours = get_working_calendar().working_hours_between(start, end)
	return {"completed_on": end, "resolved_in_hours": flt(max(hours - flt(task.paused_working_hours), 0), 2)}


def is_breached(task, now) -> bool:
	if task.status_category != "Open" or task.paused_since:
		return False
	if task.response_by and not task.responded_on and get_datetime(task.response_by) < now:
		return True
	return bool(task.resolution_by and get_datetime(task.resolution_by) < now)


def flag_sla_breaches() -> list[str]:
	"""Scheduled: flag breached tasks, warn at the configured share of the response and the
	resolution SLA, and flag tasks not dispatched within the intake milestone.

	Returns the tasks newly flagged overdue. Saving each flagged task fires the Notifications
	watching is_overdue, sla_warning_sent, resolution_warning_sent and dispatch_overdue.
	"""
	now = now_datetime()
	newly_overdue = []
	for name in _breached_task_names(now):
		if _flag(name, "is_overdue"):
			newly_overdue.append(name)
	for name in _due_warnings(now, "response", unanswered=True):
		_flag(name, "sla_warning_sent")
	for name in _due_warnings(now, "resolution", unanswered=False):
		_flag(name, "resolution_warning_sent")
	for name in frappe.get_all(
		"Service Task",
		filters={"status": initial_state("Service Task"), "dispatch_overdue": 0, "dispatch_by": ("<", now)},
		pluck="name",
		ignore_ifnull=True,  # a task without a dispatch deadline is not late
	):
		_flag(name, "dispatch_overdue")
	return newly_overdue


def _flag(name: str, fieldname: str) -> bool:
	"""Set a flag with a real save, so the Notifications watching it fire."""

	def flag():
		task = frappe.get_doc("Service Task", name)
		task.set(fieldname, 1)
		task.flags.ignore_permissions = True
		task.flags.system_update = True
		task.save()

	return run_isolated(flag, f"SLA flag {fieldname} on {name}")


def _breached_task_names(now) -> list[str]:
	"""Open, unflagged tasks past a deadline: two range reads on (is_overdue, deadline) indexes."""
	task = frappe.qb.DocType("Service Task")
	open_unflagged = (task.is_overdue == 0) & (task.status_category == "Open") & task.paused_since.isnull()
	resolution_breached = frappe.qb.from_(task).select(task.name).where(open_unflagged & (task.resolution_by < now))
	response_breached = (
		frappe.qb.from_(task).select(task.name).where(open_unflagged & (task.response_by < now) & task.responded_on.isnull())
	)
	return sorted({name for (name,) in (resolution_breached + response_breached).run()})


def _due_warnings(now, deadline: str, unanswered: bool) -> list[str]:
	"""Open tasks past the warning point of a deadline not yet reached, not yet warned (indexed range)."""
	sent_field = "sla_warning_sent" if deadline == "response" else f"{deadline}_warning_sent"
	filters = {
		f"{deadline}_warning_at": ("<=", now),
		f"{deadline}_by": (">", now),
		sent_field: 0,
		"status_category": "Open",
		"paused_since": ("is", "not set"),
	}
	if unanswered:
		filters["responded_on"] = ("is", "not set")
	return frappe.get_all("Service Task", filters=filters, pluck="name")


def hours_to_breach(task, now=None) -> float | None:
	"""Working hours left before the resolution deadline (negative once breached)."""
	if not task.resolution_by:
		return None
	now = now or now_datetime()
	calendar = get_working_calendar()
	deadline = get_datetime(task.resolution_by)
	if deadline >= now:
		return calendar.working_hours_between(now, deadline)
	return -calendar.working_hours_between(deadline, now)

