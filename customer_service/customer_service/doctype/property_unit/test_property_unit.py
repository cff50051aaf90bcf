import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.customer_service.doctype.property_unit.property_unit import (
	BuildingProjectMismatchError,
	DuplicateUnitError,
)
from customer_service.tests.factories import make_building, make_project, make_unit


class TestPropertyUnit(FrappeTestCase):
	def test_human_readable_name_and_denormalised_company(self):
		building = make_building(building_name="3栋")
		unit = make_unit(building, unit_no="2", room_no="1203", floor=12)
		self.assertEqual(unit.name, f"{building.project}-3栋-2-1203")
		self.assertEqual(unit.company, frappe.db.get_value("Property Project", building.project, "company"))
		self.assertEqual(unit.status, "Vacant")

	def test_unit_is_unique_per_building_unit_and_room(self):
		building = make_building()
		make_unit(building, room_no="101")
		make_unit(building, unit_no="2", room_no="101")
		before = frappe.db.count("Property Unit", {"building": building.name})
		with self.assertRaises(DuplicateUnitError):
			make_unit(building, room_no="101")
		self.assertEqual(frappe.db.count("Property Unit", {"building": building.name}), before)

	def test_building_must_be_in_the_units_project(self):
		building = make_building()
		other_project = make_project()
		with self.assertRaises(BuildingProjectMismatchError):
			frappe.get_doc(
				{
					"doctype": "Property Unit",
					"project": other_project.name,
					"building": building.name,
					"unit_no": "1",
					"room_no": "101",
				}
			).insert()
		self.assertEqual(frappe.db.count("Property Unit", {"building": building.name}), 0)

	def test_delivery_starts_the_warranty(self):
		unit = make_unit(status="Delivered", delivery_date="2026-03-01")
		self.assertEqual(str(unit.warranty_start), "2026-03-01")
