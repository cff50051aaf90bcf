"""Tasks dispatched before `dispatched_on` existed get one, so that the contractor's portal (which
lists dispatched work) and the homeowner's timeline show them: the first response where there is
one, else the time the task was created. Tasks still in the workflow's first state (read from the
workflow) and tasks voided or found invalid stay undispatched."""

import frappe
from frappe.query_builder.functions import Coalesce

from customer_service.state_categories import initial_state


def execute():
	task = frappe.qb.DocType("Service Task")
	first = initial_state("Service Task")
	query = frappe.qb.update(task).set(task.dispatched_on, Coalesce(task.responded_on, task.creation)).where(
		task.dispatched_on.isnull() & (task.status_category != "Cancelled")  # void or invalid: never dispatched
	)
	if first:
		query = query.where(task.status != first)
	query.run()
