"""Counters and one-off records computed by two requests at the same moment: each pair runs in
two threads with two real database connections, started together at a barrier."""

from __future__ import annotations

import threading

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from customer_service.tests.factories import (
	complete,
	make_building,
	make_defect,
	make_homeowner,
	make_reception,
	make_round,
	make_task,
	make_unit,
)


def at_once(*actions):
	"""Run each action in its own thread and connection, all released together; return what
	each returned (or the exception it raised). Each action's work is committed."""
	site, sites_path = frappe.local.site, frappe.local.sites_path
	barrier = threading.Barrier(len(actions))
	results = [None] * len(actions)

	def run(index, action):
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		frappe.set_user("Administrator")
		frappe.flags.mute_emails = True
		frappe.flags.in_test = True
		try:
			barrier.wait(timeout=30)
			results[index] = action()
			frappe.db.commit()
		except Exception as e:
			frappe.db.rollback()
			results[index] = e
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=(i, action)) for i, action in enumerate(actions)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=120)
	frappe.db.rollback()  # see what the threads committed
	return results


class TestConcurrency(FrappeTestCase):
	def test_two_reports_of_one_problem_get_consecutive_ordinals(self):
		unit = make_unit()
		receptions = [make_reception(unit).name for _ in range(2)]
		frappe.db.commit()
		results = at_once(
			*(
				lambda r=r: frappe.get_doc(
					{"doctype": "Service Task", "reception": r, "task_type": "Repair", "problem_category": "卫生间渗漏",
					 "description": "渗水"}
				).insert().name
				for r in receptions
			)
		)  # fmt: skip
		self.assertTrue(all(isinstance(r, str) for r in results), results)
		counts = sorted(frappe.db.get_value("Service Task", name, "repeat_count") for name in results)
		self.assertEqual(counts, [1, 2])

	def test_two_dissatisfied_callbacks_reopen_and_escalate_once(self):
		task = complete(make_task())
		first = frappe.get_doc("Revisit", {"task": task.name, "status": "Open"})
		second = frappe.get_doc(
			{"doctype": "Revisit", "revisit_type": "Task Callback", "task": task.name, "due_date": nowdate()}
		).insert()
		frappe.db.commit()

		def dissatisfied(name):
			revisit = frappe.get_doc("Revisit", name)
			revisit.satisfaction = "Very Dissatisfied"
			revisit.save()

		results = at_once(lambda: dissatisfied(first.name), lambda: dissatisfied(second.name))
		self.assertEqual([r for r in results if isinstance(r, Exception)], [])
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "dissatisfied_count"), 1)
		self.assertEqual(
			frappe.db.count("Service Escalation", {"task": task.name, "reason": "Dissatisfied Callback"}), 1
		)

	def test_two_defects_at_once_propose_one_systemic_topic(self):
		building = make_building()
		units = [make_unit(building, room_no=str(100 + i)) for i in range(10)]
		inspection_round = make_round(building.project, [building.name])
		make_defect(inspection_round, units[0], problem_category="外墙渗漏")  # 1 of 10: below 20%
		frappe.db.commit()
		results = at_once(
			*(
				lambda u=u: make_defect(inspection_round.name, u.name, problem_category="外墙渗漏").name
				for u in units[1:3]
			)
		)
		self.assertTrue(all(isinstance(r, str) for r in results), results)
		self.assertEqual(
			frappe.db.count("Complaint Topic", {"building": building.name, "problem_category": "外墙渗漏", "is_systemic": 1}), 1
		)

	def test_two_sign_offs_of_one_unit_deliver_it_once(self):
		"""The unit's one handover signed off on two devices at once (a unit has one handover that is not
		cancelled: a second one is refused when it is created)."""
		from customer_service.handover import AlreadyDeliveredError

		building = make_building()
		unit = make_unit(building)
		homeowner = make_homeowner(units=[unit.name])
		inspection_round = make_round(building.project, [building.name], round_type="Handover")
		handover = frappe.get_doc(
			{"doctype": "Unit Handover", "unit": unit.name, "homeowner": homeowner.name,
			 "inspection_round": inspection_round.name, "handover_date": nowdate()}
		).insert().name  # fmt: skip
		frappe.db.commit()
		results = at_once(*(lambda: frappe.get_doc("Unit Handover", handover).submit() for _ in range(2)))
		errors = [r for r in results if isinstance(r, Exception)]
		self.assertEqual(len(errors), 1, results)
		# the later one finds the unit delivered, the record changed or already submitted
		self.assertIsInstance(errors[0], AlreadyDeliveredError | frappe.TimestampMismatchError | frappe.DocstatusTransitionError)
		self.assertEqual(frappe.db.count("Unit Handover", {"unit": unit.name, "docstatus": 1}), 1)
		self.assertEqual(
			frappe.db.count("Revisit", {"unit": unit.name, "revisit_type": ("like", "After Handover%")}), 3
		)
