import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.customer_service.doctype.property_project.property_project import (
	InvalidProjectCompany,
	PropertyInUseError,
)
from customer_service.tests.factories import (
	make_building,
	make_company,
	make_group,
	make_org,
	make_project,
	make_unit,
)


class TestPropertyProject(FrappeTestCase):
	def test_project_belongs_to_a_company(self):
		group = make_group()
		with self.assertRaises(InvalidProjectCompany):
			make_project(company=group.name)
		department = make_org("Department", make_company(group.name).name)
		with self.assertRaises(InvalidProjectCompany):
			make_project(company=department.name)

	def test_shared_with_other_companies_only(self):
		group = make_group().name
		owner, other = make_company(group).name, make_company(group).name
		project = make_project(company=owner, shared_with=[other])
		self.assertEqual([r.company for r in project.shared_with], [other])
		with self.assertRaises(InvalidProjectCompany):
			make_project(company=owner, shared_with=[owner])
		with self.assertRaises(InvalidProjectCompany):
			make_project(company=owner, shared_with=[other, other])

	def test_project_with_units_cannot_be_deleted(self):
		unit = make_unit()
		with self.assertRaises(PropertyInUseError):
			frappe.delete_doc("Property Project", unit.project)
		self.assertTrue(frappe.db.exists("Property Project", unit.project))
		with self.assertRaises(PropertyInUseError):
			frappe.delete_doc("Property Building", unit.building)
		self.assertTrue(frappe.db.exists("Property Building", unit.building))

	def test_empty_project_can_be_deleted(self):
		project = make_project()
		building = make_building(project.name)
		frappe.delete_doc("Property Building", building.name)
		frappe.delete_doc("Property Project", project.name)
		self.assertFalse(frappe.db.exists("Property Project", project.name))
