"""Escalation of service tasks (投诉上移制): repeats at creation, and the time ladder.

A task climbs one level when it first breaches its SLA, when a callback finds the homeowner
dissatisfied, and again each time a level's working hours (settings) run out while it is still
open, up to the top level its organization tree has. Every step is a Service Escalation record
(who, when, from/to level, why) whose Notification reaches the manager of the new level, and
with the penalty ledger on it books the penalty of its reason (累计处罚), multiplied at the
level (doubled at group HQ). A task that is resolved, paused or cancelled stops climbing.
"""

from __future__ import annotations

import frappe
from frappe.utils import add_days, cint, flt, get_datetime, now_datetime, nowdate

from customer_service.escalation_ladder import escalate_repeat, is_top, ladder, level_at, next_level
from customer_service.jobs import one_worker_at_a_time, run_isolated
from customer_service.organization import get_ancestor_of_type, get_manager_of
from customer_service.settings import (
	escalation_levels,
	get_settings,
	get_working_calendar,
	penalty_amount,
	repeat_rules,
)

REPEAT, OVERDUE, DISSATISFIED = "Repeat Report", "Overdue", "Dissatisfied Callback"


# -- the ladder of a task ---------------------------------------------------------


def climb_of(task):
	"""The levels this task can climb: the enabled ones its company's organization tree has."""
	tiers = {tier for tier in ("Company", "Region", "Group") if get_ancestor_of_type(task.company, tier)}
	return ladder(escalation_levels(), tiers)


def tier_of(task, level: int) -> str | None:
	step = level_at(climb_of(task), level)
	return step.org_type if step else None


def level_manager(task, level: int) -> str | None:
	"""Who answers at a level: at the company level the responsible department's manager (else
	the company's), above it the manager of the region or group."""
	tier = tier_of(task, level)
	if tier == "Company":
		return get_manager_of(task.responsible_department) or get_manager_of(task.company)
	if tier:
		return get_manager_of(get_ancestor_of_type(task.company, tier))
	return None


# -- repeats ------------------------------------------------------------------------


def count_earlier_reports(task) -> int:
	"""Earlier tasks on the same unit and leaf category within the window, cancelled ones not
	counted; with the seeds' variant on, only those whose fix left the homeowner dissatisfied."""
	if not (task.unit and task.problem_category) or task.get("inspection_defect"):
		return 0
	settings = get_settings()
	window = cint(settings.escalation_window_days) or 365
	# reports of one unit are counted one at a time: the unit's row is the queue, and the count
	# reads the latest committed tasks (a locking read), so two reports at once get 2 and 3
	frappe.db.get_value("Property Unit", task.unit, "name", for_update=True)
	t = frappe.qb.DocType("Service Task")
	query = (
		frappe.qb.from_(t)
		.select(frappe.query_builder.functions.Count("*"))
		.where(
			(t.unit == task.unit)
			& (t.problem_category == task.problem_category)
			& (t.status_category != "Cancelled")
			& t.inspection_defect.isnull()  # defects found at inspection are not homeowners' repeat reports
			& (t.creation >= add_days(now_datetime(), -window))
		)
	)
	if cint(settings.repeat_needs_dissatisfaction):
		query = query.where(t.dissatisfied_count > 0)
	if not task.is_new():
		query = query.where(t.name != task.name)
	return query.for_update().run()[0][0]


def apply_repeat_escalation(task) -> None:
	"""On creation: set repeat_count and the type and level the repeat ladder gives."""
	task.repeat_count = count_earlier_reports(task) + 1
	current = cint(task.escalation_level)
	task_type, level = escalate_repeat(task.task_type, task.repeat_count, current, repeat_rules(), climb_of(task))
	if level > current:
		task.flags.escalated_from = current
		task.flags.escalation_reason = REPEAT
		task.escalation_tier = tier_of(task, level)
	task.task_type, task.escalation_level = task_type, level


def record_pending_escalation(task) -> None:
	"""After insert: record the escalation the repeat ladder decided, and book its penalty."""
	if task.flags.escalation_reason:
		escalation = record_escalation(task, task.flags.escalated_from, task.escalation_level, task.flags.escalation_reason)
		book_penalty(task, escalation)
		task.flags.escalation_reason = None


# -- the time ladder ------------------------------------------------------------------


def escalate(task_name: str, reason: str, note: str | None = None, due_only: bool = False) -> int | None:
	"""Move a saved task one level up, record it, book its penalty and start the new level's clock;
	returns the new level, None when nothing changed (at the top, or — with `due_only` — when
	the level's time is not up: another worker climbed first).

	Climbs of one task are taken one at a time (its row is locked and read afresh)."""
	row = frappe.db.get_value(
		"Service Task",
		task_name,
		["escalation_level", "escalation_due_by", "status_category"],
		as_dict=True,
		for_update=True,
	)
	now = now_datetime()
	if due_only and not (
		row.status_category == "Open" and row.escalation_due_by and get_datetime(row.escalation_due_by) <= now
	):
		return None
	task = frappe.get_doc("Service Task", task_name)
	climb = climb_of(task)
	from_level = cint(row.escalation_level)
	to_level = next_level(from_level, climb)
	if to_level == from_level:
		task.db_set("escalation_due_by", None)  # at the top: nothing more to climb to
		return None
	task.db_set(
		{
			"escalation_level": to_level,
			"escalation_tier": level_at(climb, to_level).org_type,
			"escalation_due_by": level_deadline(task, climb, to_level, now),
		},
		notify=True,
	)
	escalation = record_escalation(task, from_level, to_level, reason, note)
	book_penalty(task, escalation)
	return to_level


def level_deadline(task, climb, level: int, now):
	"""When the task climbs again if still open: the level's working hours from now, never before
	its own SLA; none at the top."""
	if is_top(climb, level):
		return None
	hours = flt(level_at(climb, level).working_hours)
	deadline = get_working_calendar().add_working_hours(now, hours)
	if task.resolution_by and get_datetime(task.resolution_by) > deadline:
		return get_datetime(task.resolution_by)
	return deadline


def record_escalation(task, from_level: int, to_level: int, reason: str, note: str | None = None):
	return frappe.get_doc(
		{
			"doctype": "Service Escalation",
			"task": task.name,
			"from_level": from_level,
			"to_level": to_level,
			"reason": reason,
			"note": note,
			"escalated_by": frappe.session.user,
			"escalated_on": now_datetime(),
			"notify_user": level_manager(task, to_level),
		}
	).insert(ignore_permissions=True)


def penalty_reason(task, escalation_reason: str) -> str | None:
	"""Which of the seeds' penalties an escalation books."""
	if escalation_reason == REPEAT:
		return "Repeat Complaint"
	if task.task_type == "Complaint":
		return "Complaint Unresolved"
	if task.task_type == "Warranty Repair":
		return "Contractor Repair Unresolved" if task.cost_bearer == "Contractor" else "Warranty Repair Unresolved"
	if task.task_type == "Repair":
		return "Paid Repair Unresolved"
	return None


def book_penalty(task, escalation) -> None:
	"""累计处罚: the responsible party pays for an escalation, multiplied at its level."""
	if not cint(get_settings().enable_penalty_ledger):
		return
	reason = penalty_reason(task, escalation.reason)
	amount = penalty_amount(reason) if reason else None
	if not amount:
		return
	if task.contractor and task.cost_bearer == "Contractor":
		party_type, party = "Contractor", task.contractor
	elif task.responsible_department or task.company:
		party_type, party = "Service Organization", task.responsible_department or task.company
	else:
		return
	step = level_at(climb_of(task), escalation.to_level)
	frappe.get_doc(
		{
			"doctype": "Service Penalty",
			"task": task.name,
			"escalation": escalation.name,
			"party_type": party_type,
			"party": party,
			"level": escalation.to_level,
			"amount": amount * (step.penalty_multiplier if step else 1),
			"posting_date": nowdate(),
			"reason": reason,
		}
	).insert(ignore_permissions=True)


@one_worker_at_a_time
def escalate_overdue_tasks() -> None:
	"""Scheduled: flag breached tasks; a task breaching its SLA goes up a level, and a task whose
	level's time ran out goes up again. Idempotent: each climb sets the next level's deadline, so
	a second run finds nothing to do, and a second worker starting it meanwhile leaves at once."""
	from customer_service.sla import flag_sla_breaches

	for name in flag_sla_breaches():
		run_isolated(lambda name=name: escalate_breached(name), f"Escalate {name}")
	for name in tasks_due_to_climb(now_datetime()):
		run_isolated(lambda name=name: escalate(name, OVERDUE, due_only=True), f"Escalate {name}")


def tasks_due_to_climb(now) -> list[str]:
	"""Open tasks whose level's time ran out: a range read of (status_category, escalation_due_by).
	A task with no such deadline is not due (Frappe would read a missing date as the year 1)."""
	return frappe.get_all(
		"Service Task",
		filters={"status_category": "Open", "escalation_due_by": ("<=", now)},
		pluck="name",
		ignore_ifnull=True,
	)


def escalate_breached(name: str) -> None:
	"""A task that just breached its SLA climbs, unless it is already on the time ladder."""
	if frappe.db.get_value("Service Task", name, "escalation_due_by"):
		return
	escalate(name, OVERDUE)
