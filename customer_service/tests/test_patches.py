"""The migration patches do their work on data that predates them."""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.tests.factories import make_reception, make_task


class TestPatches(FrappeTestCase):
	def test_backfill_sla_warning_points(self):
		from customer_service.patches.backfill_sla_warning_points import execute

		task = make_task(make_reception(received_on="2026-11-23 09:00:00"), problem_category="线路短路跳闸")
		expected = frappe.db.get_value("Service Task", task.name, ["response_warning_at", "resolution_warning_at"])
		frappe.db.set_value("Service Task", task.name, {"response_warning_at": None, "resolution_warning_at": None})
		execute()
		self.assertEqual(
			frappe.db.get_value("Service Task", task.name, ["response_warning_at", "resolution_warning_at"]), expected
		)

	def test_fill_penalty_projects(self):
		from customer_service.patches.fill_penalty_projects import execute

		task = make_task()
		penalty = frappe.get_doc(
			{"doctype": "Service Penalty", "task": task.name, "party_type": "Service Organization", "party": task.company, "amount": 100}
		).insert()
		frappe.db.set_value("Service Penalty", penalty.name, "project", None)
		execute()
		self.assertEqual(frappe.db.get_value("Service Penalty", penalty.name, "project"), task.project)

	def test_add_service_task_sla_indexes_is_repeatable(self):
		from customer_service.patches.add_service_task_sla_indexes import execute

		execute()
		execute()
		indexes = {row.Key_name for row in frappe.db.sql("show index from `tabService Task`", as_dict=True)}
		self.assertIn("is_overdue_resolution_by_index", indexes)

	def test_place_records_by_company(self):
		from customer_service.patches.place_records_by_company import execute
		from customer_service.tests.factories import make_homeowner, make_reception, make_unit

		unit = make_unit()
		company = frappe.db.get_value("Property Project", unit.project, "company")
		homeowner = make_homeowner(units=[unit.name])
		topic = frappe.get_doc(
			{"doctype": "Complaint Topic", "topic_name": frappe.generate_hash(length=6), "project": unit.project}
		).insert()
		reception = make_reception(unit)
		frappe.db.set_value("Homeowner", homeowner.name, "company", None)
		frappe.db.set_value("Complaint Topic", topic.name, "company", None)
		frappe.db.set_value(
			"Service Reception", reception.name, {"project": None, "company": None, "accepting_company": company}
		)
		execute()
		self.assertEqual(frappe.db.get_value("Homeowner", homeowner.name, "company"), company)
		self.assertEqual(frappe.db.get_value("Complaint Topic", topic.name, "company"), company)
		self.assertEqual(frappe.db.get_value("Service Reception", reception.name, "company"), company)

	def test_remove_shares_across_companies(self):
		from customer_service.patches.remove_shares_across_companies import execute
		from customer_service.tests.factories import allow_organization, make_company, make_user

		task = make_task()
		outsider, colleague = make_user(["CS Engineer"]).name, make_user(["CS Engineer"]).name
		allow_organization(outsider, make_company().name)
		allow_organization(colleague, task.company)
		for user in (outsider, colleague):  # as Frappe's "Assign To" made them before the guard
			share = frappe.get_doc(
				{"doctype": "DocShare", "share_doctype": "Service Task", "share_name": task.name, "user": user, "read": 1}
			)
			share.db_insert()
			frappe.get_doc(
				{"doctype": "ToDo", "reference_type": "Service Task", "reference_name": task.name, "allocated_to": user,
				 "status": "Open", "description": "x"}
			).db_insert()  # fmt: skip
		execute()
		shared = frappe.get_all("DocShare", {"share_name": task.name}, pluck="user")
		self.assertIn(colleague, shared)
		self.assertNotIn(outsider, shared)
		self.assertEqual(
			frappe.db.get_value("ToDo", {"reference_name": task.name, "allocated_to": outsider}, "status"), "Cancelled"
		)
