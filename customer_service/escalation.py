"""Escalation of service tasks: repeats at creation, overdue tasks, dissatisfied callbacks.

Every escalation is a Service Escalation record (who, when, from/to level,
why); its standard Notification tells the new level. With the penalty ledger
on, an unresolved (overdue) escalation books a Service Penalty.
"""

from __future__ import annotations

import frappe
from frappe.utils import add_days, cint, flt, now_datetime, nowdate

from customer_service.escalation_ladder import escalate_repeat, next_level
from customer_service.settings import get_settings

NOT_COUNTED = ("Void", "Invalid Request")


def count_earlier_reports(task) -> int:
	"""Earlier tasks on the same unit and leaf category within the window (Void and Invalid not counted)."""
	if not (task.unit and task.problem_category) or task.get("inspection_defect"):
		return 0
	window = cint(get_settings().escalation_window_days) or 365
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
			& t.status.notin(NOT_COUNTED)
			& t.inspection_defect.isnull()  # defects found at inspection are not homeowners' repeat reports
			& (t.creation >= add_days(now_datetime(), -window))
		)
	)
	if not task.is_new():
		query = query.where(t.name != task.name)
	return query.for_update().run()[0][0]


def apply_repeat_escalation(task) -> None:
	"""On creation: set repeat_count and the type and level the ladder gives."""
	task.repeat_count = count_earlier_reports(task) + 1
	task_type, level = escalate_repeat(task.task_type, task.repeat_count, cint(task.escalation_level))
	if level > cint(task.escalation_level):
		task.flags.escalated_from = cint(task.escalation_level)
		task.flags.escalation_reason = "Repeat Report"
	task.task_type, task.escalation_level = task_type, level


def record_pending_escalation(task) -> None:
	"""After insert: record the escalation the ladder decided."""
	if task.flags.escalation_reason:
		record_escalation(task, task.flags.escalated_from, task.escalation_level, task.flags.escalation_reason)
		task.flags.escalation_reason = None


def escalate(task, reason: str, note: str | None = None) -> int:
	"""Move a saved task one level up (at most HQ) and record it; returns the new level."""
	from_level = cint(task.escalation_level)
	to_level = next_level(from_level)
	if to_level == from_level:
		return from_level
	task.db_set("escalation_level", to_level, notify=True)
	escalation = record_escalation(task, from_level, to_level, reason, note)
	if reason == "Overdue":
		book_penalty(task, escalation)
	return to_level


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


def level_manager(task, level: int) -> str | None:
	"""Who answers at a level: 1 = the responsible department's (else the company's) manager,
	2 = the group's manager (the root of the company's organization tree)."""
	if level >= 2 and task.company:
		lft, rgt = frappe.db.get_value("Service Organization", task.company, ["lft", "rgt"])
		return frappe.db.get_value(
			"Service Organization",
			{"org_type": "Group", "lft": ("<", lft), "rgt": (">", rgt), "manager": ("is", "set")},
			"manager",
			order_by="lft asc",
		)
	for organization in (task.responsible_department, task.company):
		manager = organization and frappe.db.get_value("Service Organization", organization, "manager")
		if manager:
			return manager
	return None


def book_penalty(task, escalation) -> None:
	"""累计处罚: the responsible party pays for an unresolved escalation, double at HQ level."""
	settings = get_settings()
	if not cint(settings.enable_penalty_ledger):
		return
	if task.contractor and task.cost_bearer == "Contractor":
		party_type, party = "Contractor", task.contractor
	elif task.responsible_department or task.company:
		party_type, party = "Service Organization", task.responsible_department or task.company
	else:
		return
	amount = flt(settings.penalty_amount) * (2 if escalation.to_level >= 2 else 1)
	frappe.get_doc(
		{
			"doctype": "Service Penalty",
			"task": task.name,
			"escalation": escalation.name,
			"party_type": party_type,
			"party": party,
			"level": escalation.to_level,
			"amount": amount,
			"posting_date": nowdate(),
			"reason": escalation.reason,
		}
	).insert(ignore_permissions=True)


def escalate_overdue_tasks() -> None:
	"""Scheduled: flag breached tasks and move each newly overdue one up a level.

	Idempotent: a task is escalated for being overdue once, when it is first
	flagged; flagged tasks are not selected again.
	"""
	from customer_service.sla import flag_sla_breaches, run_isolated

	for name in flag_sla_breaches():
		run_isolated(lambda name=name: escalate(frappe.get_doc("Service Task", name), "Overdue"), f"Escalate {name}")
