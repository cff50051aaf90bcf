"""Counters and one-off records computed by two requests at the same moment: each pair runs in
two threads with two real database connections, started together at a barrier."""

from __future__ import annotations

import threading

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, add_to_date, now_datetime, nowdate

from customer_service.tests.factories import (
	complete,
	cs_settings,
	make_building,
	make_defect,
	make_homeowner,
	make_reception,
	make_round,
	make_task,
	make_unit,
)

SCHEDULED_JOBS = (
	"customer_service.escalation.escalate_overdue_tasks",
	"customer_service.revisits.create_scheduled_revisits",
	"customer_service.warranty.roll_warranty_expiries",
	"customer_service.inspection.flag_overdue_defects",
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


class TestScheduledJobsOnTwoWorkers(FrappeTestCase):
	"""The daily and ten-minute jobs, started by two RQ workers (on two hosts) at the same instant."""

	def due_work(self):
		"""One item of each job's work: a task past its SLA, a task whose level's time ran out, a
		delivered unit whose one-month revisit fell due, its expired warranty, a defect past rectify_by."""
		breached = make_task(make_reception(received_on=add_days(now_datetime(), -10)))
		climbing = make_task(make_reception())
		climbing.db_set({"escalation_level": 1, "escalation_due_by": add_to_date(now_datetime(), hours=-1)})
		building = make_building()
		unit = make_unit(building, status="Delivered", delivery_date=add_months(nowdate(), -1))
		make_homeowner(units=[unit.name])
		unit.db_set("next_warranty_expiry", add_days(nowdate(), -1))
		frappe.db.set_single_value("Customer Service Settings", "revisits_scheduled_until", add_days(nowdate(), -2))
		defect = make_defect(make_round(building.project, [building.name]), unit, rectify_by=add_days(nowdate(), -1))
		return breached.name, climbing.name, unit.name, defect.name

	def test_two_workers_at_once_write_nothing_twice(self):
		breached, climbing, unit, defect = self.due_work()
		frappe.db.commit()
		levels = {task: frappe.db.get_value("Service Task", task, "escalation_level") for task in (breached, climbing)}
		started = now_datetime()
		with cs_settings(enable_penalty_ledger=1):
			frappe.db.commit()
			for job in SCHEDULED_JOBS:
				results = at_once(frappe.get_attr(job), frappe.get_attr(job))
				self.assertFalse([r for r in results if isinstance(r, Exception)], (job, results))
		frappe.db.commit()
		for task, level in levels.items():  # each climbed one level, once
			self.assertEqual(frappe.db.count("Service Escalation", {"task": task}), 1, task)
			self.assertEqual(frappe.db.get_value("Service Task", task, "escalation_level"), level + 1, task)
		self.assertEqual(frappe.db.count("Service Penalty", {"task": breached}), 1, "the escalation's penalty, booked once")
		self.assertEqual(frappe.db.count("Revisit", {"unit": unit, "revisit_type": "After Handover 1 Month"}), 1)
		self.assertGreater(str(frappe.db.get_value("Property Unit", unit, "next_warranty_expiry")), nowdate())
		self.assertEqual(frappe.db.get_value("Inspection Defect", defect, "is_overdue"), 1)
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": defect, "creation": (">=", started)}),
			len(set(frappe.get_all("Notification Log", filters={"document_name": defect, "creation": (">=", started)}, pluck="for_user"))),
			"each overdue notice sent once",
		)
		failed = frappe.get_all("Error Log", filters={"creation": (">=", started)}, pluck="method")
		self.assertFalse([m for m in failed if any(name in (m or "") for name in (breached, climbing, defect))], failed)

	def test_a_job_another_worker_is_running_is_left_to_it(self):
		"""While one worker holds the escalation job, a second one leaves at once and escalates
		nothing; once the first worker's transaction ends, the job runs again."""
		from customer_service.jobs import take_job_lock

		breached = make_task(make_reception(received_on=add_days(now_datetime(), -10))).name
		frappe.db.commit()
		self.assertTrue(take_job_lock(SCHEDULED_JOBS[0]))
		job = frappe.get_attr(SCHEDULED_JOBS[0])
		self.assertEqual(at_once(job), [None])
		self.assertEqual(frappe.db.count("Service Escalation", {"task": breached}), 0)
		# the first worker's job ends: its lock goes with its transaction (at_once has rolled this
		# connection back already, to read what the other one committed)
		frappe.db.rollback()
		self.assertFalse(isinstance(at_once(job)[0], Exception))
		self.assertEqual(frappe.db.count("Service Escalation", {"task": breached}), 1)
