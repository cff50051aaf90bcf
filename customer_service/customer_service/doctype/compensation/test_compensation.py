import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from customer_service.customer_service.doctype.compensation.compensation import (
	ApprovalLimitError,
	CompensationLockedError,
	InvalidAmountError,
)
from customer_service.tests.factories import make_homeowner, make_reception, make_task, make_user


class TestCompensation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		owner = make_homeowner()
		cls.task = make_task(make_reception(homeowner=owner.name))
		cls.agent = make_user(["CS Agent"]).name
		cls.manager = make_user(["CS Manager"]).name
		cls.admin = make_user(["CS Administrator"]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def make(self, amount, **fields):
		return frappe.get_doc(
			{"doctype": "Compensation", "task": self.task.name, "amount": amount, "reason": "延期维修补偿", **fields}
		).insert()

	def act(self, user, doc, action):
		frappe.set_user(user)
		try:
			return apply_workflow(frappe.get_doc("Compensation", doc.name), action)
		finally:
			frappe.set_user("Administrator")

	def test_amount_must_be_positive(self):
		before = frappe.db.count("Compensation")
		for amount in (0, -50):
			with self.assertRaises(InvalidAmountError):
				self.make(amount)
		self.assertEqual(frappe.db.count("Compensation"), before)

	def test_manager_approves_within_the_limit(self):
		doc = self.make(800)
		self.assertEqual(doc.homeowner, self.task.homeowner)
		doc = self.act(self.agent, doc, "Submit for Approval")
		self.assertEqual(doc.status, "Pending Approval")
		doc = self.act(self.manager, doc, "Approve")
		self.assertEqual((doc.status, doc.docstatus, doc.approved_by), ("Approved", 1, self.manager))
		doc = self.act(self.manager, doc, "Mark Paid")
		self.assertEqual(doc.status, "Paid")
		self.assertTrue(doc.paid_on)

	def test_above_the_limit_only_the_administrator_approves(self):
		doc = self.act(self.agent, self.make(20000), "Submit for Approval")
		with self.assertRaises(WorkflowTransitionError):
			self.act(self.manager, doc, "Approve")
		frappe.set_user(self.manager)
		direct = frappe.get_doc("Compensation", doc.name)
		with self.assertRaises(frappe.PermissionError):
			direct.submit()  # around the workflow
		direct = frappe.get_doc("Compensation", doc.name)
		direct.status = "Approved"
		with self.assertRaises(ApprovalLimitError):
			direct.submit()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Compensation", doc.name, "docstatus"), 0)
		doc = self.act(self.admin, doc, "Approve")
		self.assertEqual((doc.status, doc.approved_by), ("Approved", self.admin))

	def test_approved_compensation_is_never_deleted_and_cancel_keeps_the_trail(self):
		doc = self.act(self.agent, self.make(300), "Submit for Approval")
		doc = self.act(self.manager, doc, "Approve")
		doc = self.act(self.admin, doc, "Cancel")
		self.assertEqual((doc.docstatus, doc.status), (2, "Cancelled"))
		with self.assertRaises(CompensationLockedError):
			frappe.delete_doc("Compensation", doc.name)
		self.assertTrue(frappe.db.exists("Compensation", doc.name))
		# the trail: every workflow step is a comment on the document (versions are off in tests)
		trail = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Compensation", "reference_name": doc.name, "comment_type": "Workflow"},
			pluck="content",
		)
		self.assertEqual(set(trail), {"Pending Approval", "Approved", "Cancelled"})

	def test_a_manager_cannot_cancel_an_approved_compensation(self):
		doc = self.act(self.manager, self.act(self.agent, self.make(200), "Submit for Approval"), "Approve")
		frappe.set_user(self.manager)
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Compensation", doc.name).cancel()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Compensation", doc.name, "docstatus"), 1)

	def test_rejected_can_be_resubmitted(self):
		doc = self.act(self.agent, self.make(100), "Submit for Approval")
		doc = self.act(self.manager, doc, "Reject")
		self.assertEqual((doc.status, doc.docstatus), ("Rejected", 0))
		self.assertEqual(self.act(self.agent, doc, "Submit for Approval").status, "Pending Approval")
