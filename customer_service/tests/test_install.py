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
