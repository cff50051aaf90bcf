import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.contractor_matching import find_contractor
from customer_service.customer_service.doctype.contractor.contractor import InvalidScopeError
from customer_service.tests.factories import make_building, make_project, unique


def make_contractor(scopes, **fields):
	return frappe.get_doc(
		{"doctype": "Contractor", "contractor_name": unique("承建商"), "scopes": scopes, **fields}
	).insert()


class TestContractor(FrappeTestCase):
	def test_scope_building_must_be_in_scope_project(self):
		building = make_building()
		with self.assertRaises(InvalidScopeError):
			make_contractor([{"project": make_project().name, "building": building.name}])
		with self.assertRaises(InvalidScopeError):
			make_contractor([{"project": building.project}, {"project": building.project}])

	def test_most_specific_scope_wins(self):
		project = make_project()
		tower, villa = make_building(project.name), make_building(project.name)
		general = make_contractor([{"project": project.name}])
		waterproofing = make_contractor([{"project": project.name, "problem_category": "防水渗漏"}])
		tower_roofs = make_contractor(
			[{"project": project.name, "building": tower.name, "problem_category": "屋面渗漏"}]
		)
		tower_all = make_contractor([{"project": project.name, "building": tower.name}])

		self.assertEqual(find_contractor(project.name, tower.name, "屋面渗漏"), tower_roofs.name)
		# a group category covers its descendants
		self.assertEqual(find_contractor(project.name, villa.name, "屋面渗漏"), waterproofing.name)
		self.assertEqual(find_contractor(project.name, tower.name, "外墙渗漏"), waterproofing.name)
		self.assertEqual(find_contractor(project.name, tower.name, "木门变形开裂"), tower_all.name)
		self.assertEqual(find_contractor(project.name, villa.name, "木门变形开裂"), general.name)
		self.assertIsNone(find_contractor(make_project().name, None, "屋面渗漏"))

		frappe.db.set_value("Contractor", tower_roofs.name, "disabled", 1)
		self.assertEqual(find_contractor(project.name, tower.name, "屋面渗漏"), waterproofing.name)

	def test_contact_mobile_is_validated(self):
		with self.assertRaises(frappe.ValidationError):
			make_contractor([], contact_mobile="12345")


class TestRetentionBalance(FrappeTestCase):
	def test_penalties_are_booked_against_the_retention_money(self):
		from customer_service.tests.factories import make_reception, make_task

		project = make_project()
		contractor = make_contractor([{"project": project.name}], retention_amount=10000)
		self.assertEqual(contractor.retention_balance, 10000)
		task = make_task(make_reception())
		penalty = frappe.get_doc(
			{"doctype": "Service Penalty", "task": task.name, "party_type": "Contractor", "party": contractor.name, "amount": 400}
		).insert()
		self.assertEqual(frappe.db.get_value("Contractor", contractor.name, "retention_balance"), 9600)
		penalty.delete()
		self.assertEqual(frappe.db.get_value("Contractor", contractor.name, "retention_balance"), 10000)
