"""The app on a site with ERPNext (installed before or after it) and on a Frappe-only site.

`make test` runs this file on all three of its sites: Frappe only, ERPNext then the app, and
the app then ERPNext. Each test states what must hold on the site it finds.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.setup.notifications import NOTIFICATIONS
from customer_service.setup.workflows import WORKFLOWS
from customer_service.tests.factories import make_task, make_user


def erpnext_installed() -> bool:
	return "erpnext" in frappe.get_installed_apps()


class TestBesideERPNext(FrappeTestCase):
	def test_the_site_completed_its_setup_wizard(self):
		self.assertTrue(frappe.is_setup_complete())
		self.assertEqual(frappe.db.get_single_value("System Settings", "language"), "zh")
		if erpnext_installed():
			company = frappe.get_all("Company", fields=["name", "default_currency", "country"], limit=1)
			self.assertTrue(company, "ERPNext's wizard creates the company")
			self.assertEqual(company[0].default_currency, "CNY")
			self.assertTrue(frappe.db.exists("Account", {"company": company[0].name}), "and its chart of accounts")

	def test_the_apps_own_records_exist_whatever_the_install_order(self):
		for name, *_rest in WORKFLOWS:
			self.assertTrue(frappe.db.get_value("Workflow", name, "is_active"), name)
		for spec in NOTIFICATIONS:
			self.assertTrue(frappe.db.exists("Notification", spec["name"]), spec["name"])
		self.assertEqual(
			set(frappe.get_all("Role", filters={"name": ("like", "CS %")}, pluck="name")),
			{"CS Administrator", "CS Manager", "CS Agent", "CS Engineer"},
		)

	def test_an_assigned_task_reaches_its_engineer(self):
		"""The path that failed inside Frappe's email on a fresh ERPNext site: assignment → ToDo →
		Notification Log → email. It must work the same with and without ERPNext."""
		engineer = make_user(["CS Engineer"]).name
		task = make_task(responsible_user=engineer)
		self.assertTrue(frappe.db.exists("ToDo", {"reference_name": task.name, "allocated_to": engineer, "status": "Open"}))
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": engineer, "document_name": task.name}))
		self.assertTrue(frappe.get_all("Email Queue Recipient", filters={"recipient": engineer}, limit=1))

	def test_the_app_needs_no_erpnext(self):
		"""Without ERPNext the app runs on Frappe alone; with it, ERPNext's own documents still work."""
		if erpnext_installed():
			customer = frappe.get_doc(
				{"doctype": "Customer", "customer_name": frappe.generate_hash(length=8), "customer_type": "Individual"}
			).insert()
			self.assertTrue(customer.name)
		else:
			self.assertNotIn("erpnext", frappe.get_installed_apps())
			self.assertFalse(frappe.db.exists("DocType", "Company"))
