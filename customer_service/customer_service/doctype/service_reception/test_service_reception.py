import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.api.service_desk import create_tasks
from customer_service.customer_service.doctype.service_reception.service_reception import UnitNotInProjectError
from customer_service.service_desk import ReceptionClosedError
from customer_service.tests.factories import (
	make_building,
	make_company,
	make_project,
	make_reception,
	make_task,
	make_unit,
	move,
)


class TestServiceReception(FrappeTestCase):
	def test_unit_must_be_in_the_receptions_project(self):
		unit = make_unit()
		before = frappe.db.count("Service Reception")
		with self.assertRaises(UnitNotInProjectError):
			make_reception(unit, project=make_project().name)
		self.assertEqual(frappe.db.count("Service Reception"), before)

	def test_first_responder_and_accepting_company(self):
		reception = make_reception()
		self.assertEqual(reception.received_by, "Administrator")
		self.assertEqual(reception.status, "To Decompose")
		self.assertEqual(reception.accepting_company, reception.company)

	def test_shared_project_may_be_accepted_by_the_partner_company(self):
		partner = make_company().name
		project = make_project(shared_with=[partner])
		unit = make_unit(make_building(project.name))
		self.assertEqual(make_reception(unit, accepting_company=partner).accepting_company, partner)
		with self.assertRaises(frappe.ValidationError):
			make_reception(unit, accepting_company=make_company().name)

	def test_decompose_through_the_api_all_or_nothing(self):
		reception = make_reception()
		names = create_tasks(
			reception.name,
			[
				{"task_type": "Repair", "problem_category": "卫生间渗漏", "description": "渗水"},
				{"task_type": "Consultation", "description": "咨询办证"},
			],
		)
		self.assertEqual(len(names), 2)
		self.assertEqual(frappe.db.get_value("Service Reception", reception.name, "status"), "Decomposed")
		task = frappe.get_doc("Service Task", names[0])
		self.assertEqual((task.unit, task.project, task.homeowner), (reception.unit, reception.project, reception.homeowner))

		other = make_reception()
		before = frappe.db.count("Service Task")
		with self.assertRaises(frappe.ValidationError):
			create_tasks(other.name, [{"description": "ok"}, {"description": "bad", "no_such_field": 1}])
		with self.assertRaises(frappe.LinkValidationError):  # the first task is written, then rolled back
			create_tasks(other.name, [{"description": "ok"}, {"description": "bad", "problem_category": "不存在的分类"}])
		with self.assertRaises(frappe.ValidationError):
			create_tasks(other.name, [])
		self.assertEqual(frappe.db.count("Service Task"), before)

	def test_status_follows_tasks_and_confirmation_closes(self):
		reception = make_reception()
		first = make_task(reception, task_type="Consultation")
		second = make_task(reception, task_type="Suggestion")
		move(first, "Mark Invalid")
		reception.reload()
		self.assertEqual(reception.status, "Decomposed")
		with self.assertRaises(frappe.ValidationError):
			reception.confirm()
		move(second, "Void")
		reception.reload()
		self.assertEqual(reception.status, "To Confirm")
		self.assertEqual(reception.confirm(), "Closed")
		self.assertEqual(reception.confirmed_by, "Administrator")
		before = frappe.db.count("Service Task")
		with self.assertRaises(ReceptionClosedError):
			make_task(reception)
		self.assertEqual(frappe.db.count("Service Task"), before)
