"""The shipped Workflows of Service Task, Compensation and Inspection Defect.

Workflows are records, not module files: they are created when missing and never touched
again, so an admin's added states, changed roles or conditions survive `bench migrate`. Each
state carries its category (Update Field `status_category`), which is what the app's rules read
(`customer_service.state_categories`).
"""

import frappe

AGENT, MANAGER, ENGINEER, ADMIN, CONTRACTOR = "CS Agent", "CS Manager", "CS Engineer", "CS Administrator", "Contractor"

# state: (docstatus, style, roles that may edit in it, category)
TASK_STATES = {
	"To Assign": (0, "Warning", (AGENT, MANAGER), "Open"),
	"To Reply": (0, "Warning", (AGENT, MANAGER, ENGINEER), "Open"),
	"Discussing Solution": (0, "Primary", (AGENT, MANAGER, ENGINEER), "Open"),
	"To Implement": (0, "Primary", (AGENT, MANAGER, ENGINEER), "Open"),
	"Completed": (0, "Success", (AGENT, MANAGER), "Completed"),
	"Closed": (0, "Success", (MANAGER,), "Closed"),
	"Void": (0, "Inverse", (MANAGER,), "Cancelled"),
	"Invalid Request": (0, "Inverse", (MANAGER,), "Cancelled"),
}
# (state, action, next state, roles[, condition])
TASK_TRANSITIONS = (
	("To Assign", "Assign", "To Reply", (AGENT, MANAGER)),
	("To Assign", "Mark Invalid", "Invalid Request", (AGENT, MANAGER)),
	("To Assign", "Void", "Void", (MANAGER,)),
	("To Reply", "Reply", "Discussing Solution", (ENGINEER, AGENT, MANAGER)),
	("To Reply", "Void", "Void", (MANAGER,)),
	("Discussing Solution", "Agree Solution", "To Implement", (ENGINEER, AGENT, MANAGER)),
	("To Implement", "Complete", "Completed", (ENGINEER, AGENT, MANAGER, CONTRACTOR)),
	("Completed", "Reopen", "To Implement", (AGENT, MANAGER)),
	("Completed", "Close", "Closed", (AGENT, MANAGER)),
)

COMPENSATION_STATES = {
	"Draft": (0, "", (AGENT, MANAGER, ADMIN), "Draft"),
	"Pending Approval": (0, "Warning", (MANAGER, ADMIN), "Pending Approval"),
	"Rejected": (0, "Danger", (AGENT, MANAGER, ADMIN), "Rejected"),
	"Approved": (1, "Success", (MANAGER, ADMIN), "Approved"),
	"Paid": (1, "Success", (MANAGER, ADMIN), "Paid"),
	"Cancelled": (2, "Inverse", (ADMIN,), "Cancelled"),
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

DEFECT_STATES = {
	"Open": (0, "Warning", (AGENT, MANAGER, ENGINEER), "To Dispatch"),
	"Dispatched": (0, "Primary", (AGENT, MANAGER, ENGINEER), "Dispatched"),
	"Rectified": (0, "Info", (AGENT, MANAGER, ENGINEER), "Rectified"),
	"Verified": (0, "Success", (MANAGER,), "Verified"),
}
DEFECT_TRANSITIONS = (
	("Open", "Dispatch", "Dispatched", (AGENT, MANAGER, ENGINEER)),
	("Dispatched", "Mark Rectified", "Rectified", (CONTRACTOR, ENGINEER, AGENT, MANAGER)),
	("Rectified", "Verify", "Verified", (ENGINEER, AGENT, MANAGER)),
	("Rectified", "Reject", "Dispatched", (ENGINEER, AGENT, MANAGER)),
)

WORKFLOWS = (
	("Service Task Workflow", "Service Task", TASK_STATES, TASK_TRANSITIONS),
	("Compensation Workflow", "Compensation", COMPENSATION_STATES, COMPENSATION_TRANSITIONS),
	("Inspection Defect Workflow", "Inspection Defect", DEFECT_STATES, DEFECT_TRANSITIONS),
)
_STATES = {doctype: states for _name, doctype, states, _transitions in WORKFLOWS}


def shipped_categories(doctype: str) -> dict[str, str]:
	"""{state: category} as shipped (what a site without an active workflow goes by)."""
	return {state: spec[3] for state, spec in _STATES.get(doctype, {}).items()}


def shipped_states(doctype: str) -> list[str]:
	return list(_STATES.get(doctype, {}))


def create_workflows():
	for name, doctype, states, transitions in WORKFLOWS:
		if frappe.db.exists("Workflow", name):
			continue
		for state, (_docstatus, style, _roles, _category) in states.items():
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
		for state, (docstatus, _style, roles, category) in states.items():
			for role in roles:
				workflow.append(
					"states",
					{
						"state": state,
						"doc_status": str(docstatus),
						"allow_edit": role,
						"update_field": "status_category",
						"update_value": category,
					},
				)
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
