"""Whitelisted service-desk API: thin, typed, permission-checked."""

from __future__ import annotations

import frappe
from frappe import _

from customer_service.sla import hours_to_breach

TASK_FIELDS = ("task_type", "problem_category", "priority", "description", "unit", "responsible_user", "contractor", "complaint_topic")


@frappe.whitelist(methods=["POST"])
def create_tasks(reception: str, tasks: list[dict] | str) -> list[str]:
	"""Decompose a reception into tasks, all or none.

	Each task takes task_type, problem_category, priority, description and
	optionally unit, responsible_user, contractor, complaint_topic; homeowner,
	unit and project come from the reception.
	"""
	tasks = frappe.parse_json(tasks)
	if not isinstance(tasks, list) or not tasks:
		frappe.throw(_("Give at least one task"), title=_("No Tasks"))
	frappe.get_doc("Service Reception", reception).check_permission("write")
	for row in tasks:
		unknown = set(row) - set(TASK_FIELDS)
		if unknown:
			frappe.throw(_("Unknown task fields: {0}").format(", ".join(sorted(unknown))), title=_("Invalid Task"))
	savepoint = "create_tasks"
	frappe.db.savepoint(savepoint)
	try:
		return [frappe.get_doc({"doctype": "Service Task", "reception": reception, **row}).insert().name for row in tasks]
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise


@frappe.whitelist()
def get_task_sla(task: str) -> dict:
	"""Deadlines, overdue flag and working hours left of a task (while its clock runs)."""
	doc = frappe.get_doc("Service Task", task)
	doc.check_permission("read")
	running = doc.status_category == "Open" and not doc.paused_since
	return {
		"response_by": doc.response_by,
		"resolution_by": doc.resolution_by,
		"is_overdue": doc.is_overdue,
		"paused": doc.status_category == "Paused",
		# a finished, cancelled or paused task has no clock running: no working hours to count down
		"hours_to_breach": hours_to_breach(doc) if running else None,
	}
