import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from customer_service.customer_service.doctype.property_building.property_building import (
	DuplicateBuildingError,
)
from customer_service.tests.factories import make_building, make_project, make_unit
from customer_service.unit_generation import UnitPatternError, generate_units, generate_units_job

PATTERN = {"unit_count": 2, "start_floor": 1, "floor_count": 3, "rooms_per_floor": 4, "room_no_pattern": "{floor}{room:02d}"}


class TestPropertyBuilding(FrappeTestCase):
	def test_building_name_is_unique_in_its_project(self):
		project = make_project()
		make_building(project.name, building_name="1栋")
		with self.assertRaises(DuplicateBuildingError):
			make_building(project.name, building_name="1栋")
		self.assertEqual(frappe.db.count("Property Building", {"project": project.name}), 1)
		# the same building name in another project is fine
		make_building(make_project().name, building_name="1栋")

	def test_generate_every_unit_from_the_pattern(self):
		building = make_building(**PATTERN)
		result = building.generate_units()
		self.assertEqual(result, {"created": 24, "skipped": 0, "total": 24})
		units = frappe.get_all(
			"Property Unit",
			filters={"building": building.name},
			fields=["name", "unit_no", "floor", "room_no", "project", "company", "status"],
			order_by="name",
		)
		self.assertEqual(len(units), 24)
		self.assertIn(f"{building.name}-2-304", {u.name for u in units})
		sample = next(u for u in units if u.name == f"{building.name}-1-203")
		self.assertEqual((sample.unit_no, sample.floor, sample.room_no), ("1", 2, "203"))
		self.assertEqual(sample.project, building.project)
		self.assertEqual(sample.company, building.company)
		self.assertEqual(sample.status, "Vacant")
		# generated units are ordinary documents
		frappe.get_doc("Property Unit", sample.name).save()

	def test_generation_is_idempotent_and_skips_existing_units(self):
		building = make_building(**PATTERN)
		make_unit(building, unit_no="1", room_no="101", gross_area=88)
		result = generate_units(building.name)
		self.assertEqual(result, {"created": 23, "skipped": 1, "total": 24})
		self.assertEqual(frappe.db.get_value("Property Unit", f"{building.name}-1-101", "gross_area"), 88)
		again = generate_units(building.name)
		self.assertEqual(again, {"created": 0, "skipped": 24, "total": 24})
		self.assertEqual(frappe.db.count("Property Unit", {"building": building.name}), 24)

	def test_bad_pattern_writes_nothing(self):
		building = make_building(**{**PATTERN, "room_no_pattern": "{floor}{door}"})
		with self.assertRaises(UnitPatternError):
			generate_units(building.name)
		building = make_building(**{**PATTERN, "room_no_pattern": "{floor}"})
		with self.assertRaises(UnitPatternError):
			generate_units(building.name)
		building = make_building(**{**PATTERN, "floor_count": 0})
		with self.assertRaises(UnitPatternError):
			generate_units(building.name)
		self.assertEqual(frappe.db.count("Property Unit", {"building": building.name}), 0)

	@change_settings("Customer Service Settings", {"background_unit_threshold": 10})
	def test_large_building_is_generated_in_the_background(self):
		building = make_building(**PATTERN)
		result = generate_units(building.name)
		self.assertEqual(result, {"queued": True, "total": 24})
		self.assertEqual(frappe.db.count("Property Unit", {"building": building.name}), 0)
		# what the worker runs
		self.assertEqual(generate_units_job(building.name)["created"], 24)
		self.assertEqual(frappe.db.count("Property Unit", {"building": building.name}), 24)

	def test_generation_needs_permission_to_create_units(self):
		from customer_service.tests.factories import make_user

		building = make_building(**PATTERN)
		engineer = make_user(["CS Engineer"])
		frappe.set_user(engineer.name)
		try:
			with self.assertRaises(frappe.PermissionError):
				generate_units(building.name)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Property Unit", {"building": building.name}), 0)
