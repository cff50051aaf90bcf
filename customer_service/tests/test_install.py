import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.setup.install import ROLES, after_migrate


class TestInstall(FrappeTestCase):
	def test_roles_are_shipped_and_portal_roles_have_no_desk(self):
		for role, desk_access in ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), desk_access, role)
		self.assertEqual(frappe.db.get_value("Role", "Homeowner", "desk_access"), 0)
		self.assertEqual(frappe.db.get_value("Role", "Contractor", "desk_access"), 0)

	def test_migrate_keeps_admin_edits(self):
		frappe.db.set_value("Role", "CS Engineer", "two_factor_auth", 1)
		frappe.db.set_single_value("Customer Service Settings", "response_working_hours", 4)
		after_migrate()
		self.assertEqual(frappe.db.get_value("Role", "CS Engineer", "two_factor_auth"), 1)
		self.assertEqual(frappe.db.get_single_value("Customer Service Settings", "response_working_hours"), 4)


class TestWorkbench(FrappeTestCase):
	def test_workspace_and_number_cards(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		from customer_service.setup.workspace import NUMBER_CARDS, WORKSPACE
		from customer_service.tests.factories import make_task

		workspace = frappe.get_doc("Workspace", WORKSPACE)
		self.assertEqual({c.number_card_name for c in workspace.number_cards}, {label for label, *_ in NUMBER_CARDS})
		self.assertEqual({c.chart_name for c in workspace.charts}, {"Tasks by Status", "Receptions by Channel"})
		from customer_service.customer_service.dashboard_chart_source.grouped_count.grouped_count import get as get_chart

		make_task()
		data = get_chart(chart_name="Tasks by Status")
		self.assertIn("To Assign", data["labels"])
		frappe.local.lang = "zh"
		try:
			self.assertIn("待分派", get_chart(chart_name="Tasks by Status")["labels"], "legends in the user's language")
		finally:
			frappe.local.lang = "en"
		card = frappe.get_doc("Number Card", "Open Tasks")
		before = get_result(card, card.filters_json)
		make_task()
		self.assertEqual(get_result(card, card.filters_json), before + 1)
		# an admin's rearrangement survives a migrate
		workspace.sequence_id = 42
		workspace.save()
		after_migrate()
		self.assertEqual(frappe.db.get_value("Workspace", WORKSPACE, "sequence_id"), 42)


class TestHooks(FrappeTestCase):
	def test_every_app_doctype_is_isolated_and_guarded(self):
		"""hooks.py lists the DocTypes of permissions.RULES: each has the list and document hooks
		and the save guards; every app DocType with rows of its own is in RULES."""
		from customer_service import hooks
		from customer_service.permissions import RULES

		self.assertEqual(set(hooks._app_doctypes), set(RULES))
		own = set(frappe.get_all("DocType", filters={"module": "Customer Service", "istable": 0}, pluck="name"))
		self.assertEqual(own - set(RULES), set())
		for doctype in RULES:
			self.assertIn(doctype, frappe.get_hooks("has_permission"))
			self.assertIn(doctype, frappe.get_hooks("permission_query_conditions"))
			events = frappe.get_hooks("doc_events")[doctype]
			self.assertIn("customer_service.permissions.check_place", events["validate"])
			self.assertIn("customer_service.protected_fields.guard_stored_state", events["before_validate"])
