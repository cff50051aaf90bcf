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
		workflow.append(
			"states",
			{"state": "Waiting for Homeowner", "doc_status": "0", "allow_edit": "CS Agent",
			 "update_field": "status_category", "update_value": "Paused"},
		)  # fmt: skip
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


class TestStatesSayWhatTheyMean(FrappeTestCase):
	def test_a_state_without_a_category_is_refused_with_a_clear_message(self):
		from customer_service.state_categories import UnmappedStateError

		workflow = frappe.get_doc("Workflow", "Service Task Workflow")
		if not frappe.db.exists("Workflow State", "On-site Check"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "On-site Check"}).insert()
		workflow.append("states", {"state": "On-site Check", "doc_status": "0", "allow_edit": "CS Agent"})
		with self.assertRaises(UnmappedStateError):
			workflow.save()

	def test_one_row_of_a_state_gives_the_others_its_category(self):
		workflow = frappe.get_doc("Workflow", "Service Task Workflow")
		if not frappe.db.exists("Workflow State", "On-site Check"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "On-site Check"}).insert()
		workflow.append(
			"states",
			{"state": "On-site Check", "doc_status": "0", "allow_edit": "CS Agent", "update_field": "status_category",
			 "update_value": "待处理"},
		)  # fmt: skip
		workflow.append("states", {"state": "On-site Check", "doc_status": "0", "allow_edit": "CS Engineer"})
		frappe.local.lang = "zh"
		try:
			workflow.save()
		finally:
			frappe.local.lang = "en"
		rows = [(r.update_field, r.update_value) for r in workflow.states if r.state == "On-site Check"]
		self.assertEqual(rows, [("status_category", "Open")] * 2, "typed in Chinese, stored as the category")
