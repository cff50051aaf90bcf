import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.setup.install import after_migrate


class TestShippedWorkflows(FrappeTestCase):
	def test_workflows_are_installed(self):
		self.assertEqual(frappe.db.get_value("Workflow", "Service Task Workflow", "document_type"), "Service Task")
		self.assertEqual(frappe.db.get_value("Workflow", "Compensation Workflow", "document_type"), "Compensation")

	def test_migrate_keeps_an_admins_workflow_edits(self):
		workflow = frappe.get_doc("Workflow", "Service Task Workflow")
		if not frappe.db.exists("Workflow State", "Waiting for Homeowner"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Waiting for Homeowner"}).insert()
		workflow.append("states", {"state": "Waiting for Homeowner", "doc_status": "0", "allow_edit": "CS Agent"})
		workflow.append(
			"transitions",
			{"state": "Discussing Solution", "action": "Reply", "next_state": "Waiting for Homeowner", "allowed": "CS Agent"},
		)
		assign = next(t for t in workflow.transitions if t.action == "Assign" and t.allowed == "CS Agent")
		assign.allowed = "CS Engineer"
		workflow.save()

		after_migrate()

		workflow = frappe.get_doc("Workflow", "Service Task Workflow")
		self.assertIn("Waiting for Homeowner", {s.state for s in workflow.states})
		self.assertIn(("Assign", "CS Engineer"), {(t.action, t.allowed) for t in workflow.transitions})
		self.assertNotIn(("Assign", "CS Agent"), {(t.action, t.allowed) for t in workflow.transitions})
