import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.customer_service.doctype.service_organization.service_organization import (
	InvalidOrganizationTree,
)
from customer_service.organization import get_company_of
from customer_service.tests.factories import make_group, make_org


class TestServiceOrganization(FrappeTestCase):
	def test_group_region_company_department_tree(self):
		group = make_group()
		region = make_org("Region", group.name)
		company = make_org("Company", region.name)
		department = make_org("Department", company.name)
		team = make_org("Department", department.name)
		self.assertTrue(company.is_group, "a company holds departments")
		descendants = frappe.db.get_descendants("Service Organization", group.name)
		self.assertEqual(set(descendants), {region.name, company.name, department.name, team.name})
		self.assertEqual(get_company_of(team.name), company.name)
		self.assertEqual(get_company_of(company.name), company.name)

	def test_company_cannot_sit_under_a_department(self):
		company = make_org("Company", make_group().name)
		department = make_org("Department", company.name)
		before = frappe.db.count("Service Organization")
		with self.assertRaises(InvalidOrganizationTree):
			make_org("Company", department.name)
		self.assertEqual(frappe.db.count("Service Organization"), before)

	def test_department_needs_a_company(self):
		with self.assertRaises(InvalidOrganizationTree):
			make_org("Department", make_group().name)
