"""回访: callbacks after completed tasks and scheduled revisits after signing and handover."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, add_months, cint, getdate, nowdate

from customer_service.settings import get_settings

CALLBACK_TASK_TYPES = ("Repair", "Warranty Repair", "Complaint", "Equipment")
SATISFIED = ("Very Satisfied", "Satisfied", "Neutral")
DISSATISFIED = ("Dissatisfied", "Very Dissatisfied")
AFTER_SIGNING = ("After Signing", 0, 7)  # (type, months, days) after the contract date
AFTER_HANDOVER = (
	("After Handover 1 Month", 1, 0),
	("After Handover 3 Months", 3, 0),
	("After Handover 1 Year", 12, 0),
)
LOOKBACK_DAYS = 400


class CallbackMissingError(frappe.ValidationError):
	pass


def needs_callback(task) -> bool:
	"""Homeowners' problems are called back; inspection defects are verified by inspectors instead."""
	return task.task_type in CALLBACK_TASK_TYPES and not task.get("inspection_defect")


def has_satisfied_callback(task_name: str) -> bool:
	return bool(
		frappe.db.exists(
			"Revisit",
			{"task": task_name, "status": "Done", "satisfaction": ("in", SATISFIED)},
		)
	)


def check_callback_before_close(task) -> None:
	"""100% 回访: a task closes only after a satisfied callback or a manager's recorded waiver."""
	if not needs_callback(task) or task.revisit_waived or has_satisfied_callback(task.name):
		return
	frappe.throw(
		_("Task {0} needs a satisfied callback (回访) before it can be closed, or a manager's waiver").format(task.name),
		title=_("Callback Missing"),
		exc=CallbackMissingError,
	)


def callback_due_date(task):
	settings = get_settings()
	days = settings.complaint_callback_days if task.task_type == "Complaint" else settings.repair_callback_days
	return add_days(getdate(task.completed_on or nowdate()), cint(days))


def create_callback(task) -> str | None:
	"""When a task is completed: an open Task Callback revisit, due by the intake milestones."""
	if not needs_callback(task) or frappe.db.exists("Revisit", {"task": task.name, "status": "Open"}):
		return None
	return (
		frappe.get_doc(
			{
				"doctype": "Revisit",
				"revisit_type": "Task Callback",
				"task": task.name,
				"homeowner": task.homeowner,
				"unit": task.unit,
				"agent": frappe.db.get_value("Service Reception", task.reception, "received_by"),
				"due_date": callback_due_date(task),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def schedule_revisits(unit: str, revisit_types, base_date, homeowner: str | None) -> list[str]:
	"""Create the missing revisits of these types for a unit; return the new names."""
	created = []
	for revisit_type, months, days in revisit_types:
		if frappe.db.exists("Revisit", {"unit": unit, "revisit_type": revisit_type}):
			continue
		due = add_days(add_months(getdate(base_date), months), days)
		doc = frappe.get_doc(
			{
				"doctype": "Revisit",
				"revisit_type": revisit_type,
				"unit": unit,
				"homeowner": homeowner,
				"due_date": due,
				"method": "Phone",
			}
		).insert(ignore_permissions=True)
		created.append(doc.name)
	return created


def create_scheduled_revisits() -> int:
	"""Daily: revisits 1 week after signing and 1, 3, 12 months after handover.

	Only units signed or delivered within the look-back window are read
	(indexed dates); existing revisits are never duplicated.
	"""
	since = add_days(nowdate(), -LOOKBACK_DAYS)
	created = 0
	unit = frappe.qb.DocType("Property Unit")
	for date_field, revisit_types in (("contract_date", [AFTER_SIGNING]), ("delivery_date", AFTER_HANDOVER)):
		rows = (
			frappe.qb.from_(unit)
			.select(unit.name, unit[date_field].as_("base_date"), unit.primary_homeowner)
			.where((unit[date_field] >= since) & unit.primary_homeowner.isnotnull())
			.run(as_dict=True)
		)
		for row in rows:
			created += len(schedule_revisits(row.name, revisit_types, row.base_date, row.primary_homeowner))
	return created
