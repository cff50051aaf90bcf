"""The shipped Workflows of Service Task and Compensation.

Workflows are records, not module files: they are created when missing and
never touched again, so an admin's added states, changed roles or conditions
survive `bench migrate`.
"""

import frappe

AGENT, MANAGER, ENGINEER, ADMIN = "CS Agent", "CS Manager", "CS Engineer", "CS Administrator"

# state: (docstatus, style, roles that may edit in it)
TASK_STATES = {
	"To Assign": (0, "Warning", (AGENT, MANAGER)),
	"To Reply": (0, "Warning", (AGENT, MANAGER, ENGINEER)),
	"Discussing Solution": (0, "Primary", (AGENT, MANAGER, ENGINEER)),
	"To Implement": (0, "Primary", (AGENT, MANAGER, ENGINEER)),
	"Completed": (0, "Success", (AGENT, MANAGER)),
	"Closed": (0, "Success", (MANAGER,)),
	"Void": (0, "Inverse", (MANAGER,)),
	"Invalid Request": (0, "Inverse", (MANAGER,)),
}
# (state, action, next state, roles)
TASK_TRANSITIONS = (
	("To Assign", "Assign", "To Reply", (AGENT, MANAGER)),
	("To Assign", "Mark Invalid", "Invalid Request", (AGENT, MANAGER)),
	("To Assign", "Void", "Void", (MANAGER,)),
	("To Reply", "Reply", "Discussing Solution", (ENGINEER, AGENT, MANAGER)),
	("To Reply", "Void", "Void", (MANAGER,)),
	("Discussing Solution", "Agree Solution", "To Implement", (ENGINEER, AGENT, MANAGER)),
	("To Implement", "Complete", "Completed", (ENGINEER, AGENT, MANAGER)),
	("Completed", "Reopen", "To Implement", (AGENT, MANAGER)),
	("Completed", "Close", "Closed", (AGENT, MANAGER)),
)

COMPENSATION_STATES = {
	"Draft": (0, "", (AGENT, MANAGER, ADMIN)),
	"Pending Approval": (0, "Warning", (MANAGER, ADMIN)),
	"Rejected": (0, "Danger", (AGENT, MANAGER, ADMIN)),
	"Approved": (1, "Success", (MANAGER, ADMIN)),
	"Paid": (1, "Success", (MANAGER, ADMIN)),
	"Cancelled": (2, "Inverse", (ADMIN,)),
}
WITHIN_MANAGER_LIMIT = (
	'doc.amount <= float(frappe.db.get_value("Customer Service Settings", None, "compensation_manager_limit") or 0)'
)
COMPENSATION_TRANSITIONS = (
	("Draft", "Submit for Approval", "Pending Approval", (AGENT, MANAGER, ADMIN)),
	("Pending Approval", "Approve", "Approved", (MANAGER,), WITHIN_MANAGER_LIMIT),
	("Pending Approval", "Approve", "Approved", (ADMIN,)),
	("Pending Approval", "Reject", "Rejected", (MANAGER, ADMIN)),
	("Rejected", "Submit for Approval", "Pending Approval", (AGENT, MANAGER, ADMIN)),
	("Approved", "Mark Paid", "Paid", (MANAGER, ADMIN)),
	("Approved", "Cancel", "Cancelled", (ADMIN,)),
)

WORKFLOWS = (
	("Service Task Workflow", "Service Task", TASK_STATES, TASK_TRANSITIONS),
	("Compensation Workflow", "Compensation", COMPENSATION_STATES, COMPENSATION_TRANSITIONS),
)


def create_workflows():
	for name, doctype, states, transitions in WORKFLOWS:
		if frappe.db.exists("Workflow", name):
			continue
		for state, (_docstatus, style, _roles) in states.items():
			ensure_state(state, style)
		for transition in transitions:
			ensure_action(transition[1])
		workflow = frappe.new_doc("Workflow")
		workflow.update(
			{
				"workflow_name": name,
				"document_type": doctype,
				"workflow_state_field": "status",
				"is_active": 1,
				"send_email_alert": 0,
				"override_status": 1,
			}
		)
		for state, (docstatus, _style, roles) in states.items():
			for role in roles:
				workflow.append("states", {"state": state, "doc_status": str(docstatus), "allow_edit": role})
		for state, action, next_state, roles, *condition in transitions:
			for role in roles:
				workflow.append(
					"transitions",
					{
						"state": state,
						"action": action,
						"next_state": next_state,
						"allowed": role,
						"allow_self_approval": 1,
						"condition": condition[0] if condition else None,
					},
				)
		workflow.insert(ignore_permissions=True)


def ensure_state(state: str, style: str) -> None:
	if not frappe.db.exists("Workflow State", state):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state, "style": style}).insert(
			ignore_permissions=True
		)


def ensure_action(action: str) -> None:
	if not frappe.db.exists("Workflow Action Master", action):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
			ignore_permissions=True
		)
