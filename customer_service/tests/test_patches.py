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
