"""The service desk's roll-ups: a reception follows its tasks, a complaint topic counts them.

A reception's own status is the app's (To Decompose → Decomposed → To Confirm → Closed), not
a workflow: it is computed from what its tasks' states mean.
"""

from __future__ import annotations

import frappe
from frappe import _

from customer_service.state_categories import TASK_DONE, TASK_FINISHED

TO_DECOMPOSE, DECOMPOSED, TO_CONFIRM, CLOSED = "To Decompose", "Decomposed", "To Confirm", "Closed"


class ReceptionClosedError(frappe.ValidationError):
	pass


def check_reception_open(reception: str) -> None:
	if frappe.db.get_value("Service Reception", reception, "status") == CLOSED:
		frappe.throw(
			_("Reception {0} is closed: no task can be added to it").format(reception),
			title=_("Reception Closed"),
			exc=ReceptionClosedError,
		)


def update_reception_status(reception: str | None) -> None:
	"""The reception follows its tasks: none → To Decompose, all finished → To Confirm, else Decomposed."""
	if not reception:
		return
	# tasks of one reception finishing at once are rolled up one at a time, each reading the
	# others' latest states (locking reads), so the last one sees them all finished
	current = frappe.db.get_value("Service Reception", reception, "status", for_update=True)
	if current == CLOSED:
		return
	categories = latest_categories({"reception": reception})
	if not categories:
		status = TO_DECOMPOSE
	elif all(c in TASK_FINISHED for c in categories):
		status = TO_CONFIRM
	else:
		status = DECOMPOSED
	if status != current:
		frappe.db.set_value("Service Reception", reception, "status", status)


def latest_categories(where: dict) -> list[str]:
	"""The state categories of the tasks matching `where`, as last committed (a locking read)."""
	task = frappe.qb.DocType("Service Task")
	query = frappe.qb.from_(task).select(task.status_category)
	for field, value in where.items():
		query = query.where(task[field] == value)
	return [category for (category,) in query.for_update().run()]


def update_topic_counts(topic: str | None) -> None:
	"""Roll the linked tasks' counts and status up to the topic."""
	if not topic or not frappe.db.get_value("Complaint Topic", topic, "name", for_update=True):
		return
	categories = latest_categories({"complaint_topic": topic})
	finished = sum(1 for c in categories if c in TASK_DONE)
	closed = sum(1 for c in categories if c == "Closed")
	if categories and finished == len(categories):
		status = "Resolved"
	elif finished:
		status = "Resolving"
	else:
		status = "Open"
	frappe.db.set_value(
		"Complaint Topic",
		topic,
		{
			"task_count": len(categories),
			"open_task_count": len(categories) - finished,
			"closed_task_count": closed,
			"status": status,
		},
	)
