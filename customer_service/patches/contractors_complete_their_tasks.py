"""Contractors complete the tasks dispatched to them (the portal's "mark rectified"): each move of
the task workflow from open work into a state of category Completed gets the Contractor role too,
where the admin has not given it one already. States are read by their category, not their name."""

import frappe

from customer_service.state_categories import category_of

CONTRACTOR = "Contractor"


def execute():
	if not frappe.db.exists("Workflow", "Service Task Workflow"):
		return
	workflow = frappe.get_doc("Workflow", "Service Task Workflow")
	doctype = workflow.document_type
	moves = {
		(t.state, t.action, t.next_state): t
		for t in workflow.transitions
		if category_of(doctype, t.state) == "Open" and category_of(doctype, t.next_state) == "Completed"
	}
	allowed = {(t.state, t.action, t.next_state) for t in workflow.transitions if t.allowed == CONTRACTOR}
	missing = [t for key, t in moves.items() if key not in allowed]
	for row in missing:
		workflow.append(
			"transitions",
			{"state": row.state, "action": row.action, "next_state": row.next_state, "allowed": CONTRACTOR,
			 "allow_self_approval": 1, "condition": row.condition},
		)  # fmt: skip
	if missing:
		workflow.flags.ignore_permissions = True
		workflow.save()
