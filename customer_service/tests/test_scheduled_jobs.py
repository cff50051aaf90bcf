"""What the scheduled jobs pick up: what is due, and never a record that has no such deadline.

Frappe reads a missing date in a "<" or "<=" filter as the year 1, so without care every open
task would be "due to climb" every ten minutes (each one locked and read again), every unit not
delivered would have its warranty "rolled" daily and every defect without a deadline would be
flagged overdue."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, nowdate

from customer_service.escalation import tasks_due_to_climb
from customer_service.inspection import flag_overdue_defects
from customer_service.tests.factories import make_building, make_defect, make_reception, make_round, make_task, make_unit
from customer_service.warranty import roll_warranty_expiries


class TestWhatTheJobsPickUp(FrappeTestCase):
	def test_only_tasks_whose_level_time_ran_out_climb(self):
		waiting = make_task(make_reception())  # on no time ladder: no escalation_due_by
		due = make_task(make_reception())
		due.db_set({"escalation_level": 1, "escalation_due_by": add_to_date(now_datetime(), hours=-1)})
		later = make_task(make_reception())
		later.db_set({"escalation_level": 1, "escalation_due_by": add_to_date(now_datetime(), hours=1)})
		names = set(tasks_due_to_climb(now_datetime()))
		self.assertIn(due.name, names)
		self.assertNotIn(waiting.name, names)
		self.assertNotIn(later.name, names)

	def test_a_unit_without_a_running_warranty_is_left_alone(self):
		vacant = make_unit()
		self.assertIsNone(vacant.next_warranty_expiry)
		expired = make_unit(status="Delivered", delivery_date=add_days(nowdate(), -400), warranty_start=add_days(nowdate(), -400))
		expired.db_set("next_warranty_expiry", add_days(nowdate(), -1))
		modified = frappe.db.get_value("Property Unit", vacant.name, "modified")
		unit = frappe.qb.DocType("Property Unit")
		expired_units = (
			frappe.qb.from_(unit).select(unit.name).where(unit.next_warranty_expiry < nowdate()).run(pluck=True)
		)  # NULL is not before today in SQL
		self.assertIn(expired.name, expired_units)
		self.assertEqual(roll_warranty_expiries(), len(expired_units), "only the units whose expiry passed are read")
		self.assertGreater(str(frappe.db.get_value("Property Unit", expired.name, "next_warranty_expiry") or ""), nowdate())
		self.assertEqual(frappe.db.get_value("Property Unit", vacant.name, ["next_warranty_expiry", "modified"]), (None, modified))

	def test_a_defect_without_a_deadline_is_not_overdue(self):
		building = make_building()
		inspection_round = make_round(building.project, [building.name])
		late = make_defect(inspection_round, make_unit(building, room_no="101"), rectify_by=add_days(nowdate(), -1))
		undated = make_defect(inspection_round, make_unit(building, room_no="102"))
		undated.db_set("rectify_by", None)
		flag_overdue_defects()
		self.assertEqual(frappe.db.get_value("Inspection Defect", late.name, "is_overdue"), 1)
		self.assertEqual(frappe.db.get_value("Inspection Defect", undated.name, "is_overdue"), 0)


class TestOneItemPerTransaction(FrappeTestCase):
	"""jobs.in_own_transaction, as a worker runs it (frappe.local.job set)."""

	def setUp(self):
		frappe.db.rollback()  # its commits take nothing of other tests along
		frappe.local.job = frappe._dict(method="test")

	def tearDown(self):
		frappe.local.job = None

	def test_a_deadlock_s_victim_is_tried_again_and_a_failure_is_logged(self):
		from customer_service.jobs import in_own_transaction

		calls = []

		def deadlocked_once():
			calls.append(1)
			if len(calls) == 1:
				raise frappe.QueryDeadlockError("Deadlock found when trying to get lock")

		in_own_transaction(deadlocked_once, "deadlocked once")
		self.assertEqual(len(calls), 2)
		self.assertFalse(frappe.db.exists("Error Log", {"method": "deadlocked once"}))

		title = f"always fails {frappe.generate_hash(length=6)}"
		failing = []
		in_own_transaction(lambda: failing.append(1) or frappe.throw("bad item"), title)
		self.assertEqual(len(failing), 1, "a plain error is not tried again")
		self.assertTrue(frappe.db.exists("Error Log", {"method": title}))
