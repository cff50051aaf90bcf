from datetime import datetime

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, get_datetime, getdate, nowdate

from customer_service.customer_service.doctype.service_task.service_task import (
	ClosedTaskError,
	EvidenceMissingError,
)
from customer_service.escalation import escalate_overdue_tasks
from customer_service.revisits import CallbackMissingError
from customer_service.settings import get_working_calendar
from customer_service.permissions import OutOfScopeError
from customer_service.tests.factories import (
	allow_organization,
	attach_evidence,
	complete,
	cs_settings,
	make_building,
	make_company,
	make_group,
	make_org,
	make_project,
	make_reception,
	make_task,
	make_unit,
	make_user,
	move,
	unique,
)

FRIDAY_5PM = datetime(2026, 11, 20, 17, 0)
SATURDAY_11PM = datetime(2026, 11, 21, 23, 0)


def task_received(at, **fields):
	return make_task(make_reception(received_on=at), **fields)


def unit_of(company: str):
	return make_unit(make_building(make_project(company=company).name))


class TestServiceTaskSLA(FrappeTestCase):
	def test_normal_task_is_answered_within_one_working_day(self):
		task = task_received(FRIDAY_5PM)
		# Friday 17:00-18:00, then Monday 09:00-17:00
		self.assertEqual(get_datetime(task.response_by), datetime(2026, 11, 23, 17, 0))
		self.assertEqual(get_datetime(task.dispatch_by), datetime(2026, 11, 23, 10, 0))
		self.assertGreater(get_datetime(task.resolution_by), get_datetime(task.response_by))

	def test_emergency_is_on_the_clock(self):
		task = task_received(SATURDAY_11PM, priority="Emergency")
		self.assertEqual(get_datetime(task.response_by), datetime(2026, 11, 22, 1, 0))

	def test_holidays_and_make_up_workdays(self):
		holiday = [{"date": "2026-11-23", "is_working_day": 0, "description": "假日"}]
		with cs_settings(calendar_exceptions=holiday):
			self.assertEqual(get_datetime(task_received(FRIDAY_5PM).response_by), datetime(2026, 11, 24, 17, 0))
		make_up = [{"date": "2026-11-21", "is_working_day": 1, "description": "调休"}]
		with cs_settings(calendar_exceptions=make_up):
			self.assertEqual(get_datetime(task_received(FRIDAY_5PM).response_by), datetime(2026, 11, 21, 17, 0))

	def test_deadlines_follow_priority_and_category_changes(self):
		task = task_received(FRIDAY_5PM)
		resolution = get_datetime(task.resolution_by)
		task.priority = "Emergency"
		task.save()
		self.assertEqual(get_datetime(task.response_by), datetime(2026, 11, 20, 19, 0))
		task.priority = "Normal"
		task.problem_category = "线路短路跳闸"  # 9 working hours to resolve
		task.save()
		self.assertEqual(get_datetime(task.resolution_by), datetime(2026, 11, 23, 17, 0))
		self.assertLess(get_datetime(task.resolution_by), resolution)

	def test_paused_state_stops_the_resolution_clock(self):
		from customer_service.tests.factories import workflow_state

		with workflow_state("Service Task Workflow", "Discussing Solution", category="Paused"):
			task = task_received(FRIDAY_5PM, responsible_user="Administrator")
			resolution = get_datetime(task.resolution_by)
			with self.freeze_time("2026-11-23 10:00:00"):
				task = move(task, "Assign", "Reply")
			self.assertEqual(task.status_category, "Paused")
			self.assertEqual(get_datetime(task.paused_since), datetime(2026, 11, 23, 10, 0))
			self.assertEqual(get_datetime(task.responded_on), datetime(2026, 11, 23, 10, 0))
			with self.freeze_time("2026-11-23 15:00:00"):
				task = move(task, "Agree Solution")
			self.assertIsNone(task.paused_since)
			self.assertEqual(task.paused_working_hours, 5)
			self.assertEqual(get_datetime(task.resolution_by), get_working_calendar().add_working_hours(resolution, 5))
			attach_evidence(task)
			with self.freeze_time("2026-11-24 12:00:00"):
				task = move(task, "Complete")
			# received Friday 17:00: 1 h on Friday, 9 h on Monday (5 of them paused), 3 h on Tuesday
			self.assertEqual(task.resolved_in_hours, 8)

	def test_resolved_in_hours_run_on_the_clock_for_an_emergency_and_reset_on_reopening(self):
		task = task_received(SATURDAY_11PM, priority="Emergency", responsible_user="Administrator")
		with self.freeze_time("2026-11-22 09:30:00"):
			task = complete(task)
		self.assertEqual(task.resolved_in_hours, 10.5)
		revisit = frappe.get_doc("Revisit", {"task": task.name})
		revisit.satisfaction, revisit.comment = "Very Dissatisfied", "还在漏"
		revisit.save()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, ["completed_on", "resolved_in_hours"]), (None, 0))

	def test_reopening_from_the_desk_clears_the_hours_to_resolve(self):
		task = complete(make_task(responsible_user="Administrator"))
		self.assertTrue(task.completed_on)
		task = move(task, "Reopen")
		self.assertEqual((task.status_category, task.completed_on, task.resolved_in_hours), ("Open", None, 0))


class TestServiceTaskWorkflow(FrappeTestCase):
	def test_the_workflow_refuses_skipped_states(self):
		task = make_task()
		self.assertEqual(task.status, "To Assign")
		task.status = "Completed"
		with self.assertRaises(WorkflowPermissionError):
			task.save()
		task.reload()
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(task, "Close")
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "status"), "To Assign")

	def test_engineer_cannot_assign(self):
		task = make_task(responsible_user="Administrator")
		engineer = make_user(["CS Engineer"])
		frappe.set_user(engineer.name)
		try:
			with self.assertRaises(WorkflowTransitionError):
				apply_workflow(frappe.get_doc("Service Task", task.name), "Assign")
		finally:
			frappe.set_user("Administrator")

	def test_assigning_needs_someone_responsible(self):
		task = make_task()
		with self.assertRaises(frappe.ValidationError):
			move(task, "Assign")

	def test_responsible_user_gets_a_todo(self):
		engineer = make_user(["CS Engineer"]).name
		task = make_task(responsible_user=engineer)
		todo = frappe.get_all(
			"ToDo", filters={"reference_type": "Service Task", "reference_name": task.name, "status": "Open"}, pluck="allocated_to"
		)
		self.assertEqual(todo, [engineer])

	def test_routing_by_category_department_and_manager(self):
		company = make_company().name
		department = make_org("Department", company)
		manager = make_user(["CS Engineer"]).name
		allow_organization(manager, department.name)
		department.db_set("manager", manager)
		category = frappe.get_doc("Problem Category", "地漏返味")
		category.responsible_department = department.name
		category.save()
		task = make_task(make_reception(unit_of(company)), problem_category="地漏返味")
		self.assertEqual((task.responsible_department, task.responsible_user), (department.name, manager))

	def test_routing_stays_within_the_tasks_company(self):
		"""One category, one department per company: a company's tasks go to its own staff only."""
		group = make_group().name
		xiamen, shenzhen, third = (make_company(group).name for _ in range(3))
		departments, engineers = {}, {}
		for company in (xiamen, shenzhen):
			departments[company] = make_org("Department", company)
			engineers[company] = make_user(["CS Engineer"]).name
			allow_organization(engineers[company], departments[company].name)
			departments[company].db_set("manager", engineers[company])
		category = frappe.get_doc("Problem Category", "卫生间渗漏")
		category.responsible_department = departments[xiamen].name  # the default is Xiamen's
		category.append("company_departments", {"company": shenzhen, "department": departments[shenzhen].name})
		category.save()
		for company in (xiamen, shenzhen):
			task = make_task(make_reception(unit_of(company)), problem_category="卫生间渗漏")
			self.assertEqual(
				(task.responsible_department, task.responsible_user), (departments[company].name, engineers[company])
			)
		orphan = make_task(make_reception(unit_of(third)), problem_category="卫生间渗漏")
		self.assertEqual((orphan.responsible_department, orphan.responsible_user), (None, None), "no other company's staff")
		shenzhen_task = make_task(make_reception(unit_of(shenzhen)), problem_category="卫生间渗漏")
		shenzhen_task.responsible_user = engineers[xiamen]
		with self.assertRaises(OutOfScopeError):
			shenzhen_task.save()
		shenzhen_task.reload()
		shenzhen_task.responsible_department = departments[xiamen].name
		with self.assertRaises(OutOfScopeError):
			shenzhen_task.save()
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": shenzhen_task.name, "allocated_to": engineers[xiamen]}))
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": shenzhen_task.name, "user": engineers[xiamen]}))
		# nor through the desk's "Assign To", which would share the task with the assignee
		from frappe.desk.form.assign_to import add

		with self.assertRaises(OutOfScopeError):
			add({"doctype": "Service Task", "name": shenzhen_task.name, "assign_to": [engineers[xiamen]]})
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": shenzhen_task.name, "user": engineers[xiamen]}))

	def test_completion_needs_evidence(self):
		task = make_task(responsible_user="Administrator")
		task = move(task, "Assign", "Reply", "Agree Solution")
		with self.assertRaises(EvidenceMissingError):
			move(task, "Complete")
		task.reload()
		with cs_settings(require_completion_evidence=0):
			self.assertEqual(move(task, "Complete").status, "Completed")

	def test_second_editor_cannot_overwrite(self):
		task = make_task()
		first, second = frappe.get_doc("Service Task", task.name), frappe.get_doc("Service Task", task.name)
		first.solution = "更换防水层"
		first.save()
		second.solution = "只做局部修补"
		with self.assertRaises(frappe.TimestampMismatchError):
			second.save()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "solution"), "更换防水层")

	def test_system_fields_cannot_be_written_by_hand(self):
		from customer_service.protected_fields import ProtectedFieldError

		task = make_task()
		for field, value in (("resolution_by", "2030-01-01 00:00:00"), ("escalation_level", 0), ("is_overdue", 1)):
			doc = frappe.get_doc("Service Task", task.name)
			if field == "escalation_level":
				doc.db_set("escalation_level", 1)
				doc.reload()
			doc.set(field, value)
			with self.assertRaises(ProtectedFieldError, msg=field):
				doc.save()
		# a whole-document save from the desk (every field sent back as text) is fine
		doc = frappe.get_doc(frappe.parse_json(frappe.as_json(frappe.get_doc("Service Task", task.name).as_dict())))
		doc.solution = "更换防水层"
		doc.save()

	def test_a_new_task_cannot_bring_its_own_flags_or_deadlines(self):
		task = make_task(is_overdue=1, paused_working_hours=500, escalation_level=2, responded_on="2026-01-01 10:00:00")
		self.assertEqual((task.is_overdue, flt(task.paused_working_hours), task.escalation_level), (0, 0, 0))
		self.assertIsNone(task.responded_on)
		copy = frappe.copy_doc(task)
		copy.insert()
		self.assertIsNone(copy.inspection_defect)

	def test_reassignment_moves_the_todo_and_closing_clears_it(self):
		first, second = make_user(["CS Engineer"]).name, make_user(["CS Engineer"]).name
		task = make_task(responsible_user=first)
		task.responsible_user = second
		task.save()
		todos = frappe.get_all("ToDo", filters={"reference_name": task.name}, fields=["allocated_to", "status"])
		self.assertEqual({(t.allocated_to, t.status) for t in todos}, {(first, "Cancelled"), (second, "Open")})
		move(task, "Void")
		self.assertFalse(frappe.get_all("ToDo", filters={"reference_name": task.name, "status": "Open"}))

	def test_closed_task_cannot_be_deleted(self):
		task = complete(make_task())
		task.revisit_waived, task.revisit_waiver_reason = 1, "业主出国"
		task.save()
		task = move(task, "Close")
		with self.assertRaises(ClosedTaskError):
			frappe.delete_doc("Service Task", task.name)
		self.assertTrue(frappe.db.exists("Service Task", task.name))


class TestServiceTaskCallback(FrappeTestCase):
	def test_completed_repair_needs_a_callback_before_closing(self):
		task = complete(make_task())
		callback = frappe.get_all("Revisit", filters={"task": task.name}, fields=["name", "status", "due_date"])
		self.assertEqual(len(callback), 1)
		self.assertEqual(str(callback[0].due_date), add_days(nowdate(), 2))
		with self.assertRaises(CallbackMissingError):
			move(task, "Close")
		revisit = frappe.get_doc("Revisit", callback[0].name)
		revisit.satisfaction = "Satisfied"
		revisit.save()
		self.assertEqual(revisit.status, "Done")
		task.reload()
		self.assertEqual(move(task, "Close").status, "Closed")

	def test_complaint_callback_is_due_the_same_day(self):
		task = complete(make_task(task_type="Complaint"))
		self.assertEqual(str(frappe.db.get_value("Revisit", {"task": task.name}, "due_date")), nowdate())

	def test_manager_may_waive_the_callback_agent_may_not(self):
		task = complete(make_task())
		agent = make_user(["CS Agent"]).name
		frappe.set_user(agent)
		try:
			doc = frappe.get_doc("Service Task", task.name)
			doc.revisit_waived, doc.revisit_waiver_reason = 1, "业主拒绝回访"
			with self.assertRaises(frappe.PermissionError):
				doc.save()
		finally:
			frappe.set_user("Administrator")
		manager = make_user(["CS Manager"]).name
		frappe.set_user(manager)
		try:
			task = frappe.get_doc("Service Task", task.name)
			task.revisit_waived = 1
			with self.assertRaises(frappe.ValidationError):
				task.save()  # no reason
			task.reload()
			task.revisit_waived, task.revisit_waiver_reason = 1, "业主拒绝回访"
			task.save()
			self.assertEqual(task.revisit_waived_by, manager)
			self.assertEqual(move(task, "Close").status, "Closed")
		finally:
			frappe.set_user("Administrator")

	def test_dissatisfied_callback_reopens_and_escalates(self):
		task = complete(make_task())
		revisit = frappe.get_doc("Revisit", {"task": task.name})
		revisit.satisfaction, revisit.comment = "Very Dissatisfied", "还在漏"
		revisit.save()
		task.reload()
		self.assertEqual((task.status, task.dissatisfied_count, task.escalation_level), ("To Implement", 1, 1))
		self.assertTrue(frappe.db.exists("Service Escalation", {"task": task.name, "reason": "Dissatisfied Callback"}))

	def test_callbacks_follow_the_settings(self):
		rules = [
			{"task_type": "Repair", "due_days": 5, "enabled": 1},
			{"task_type": "Consultation", "due_days": 1, "enabled": 1},
		]
		with cs_settings(callback_rules=rules):
			repair = complete(make_task())
			callback = frappe.get_doc("Revisit", {"task": repair.name})
			self.assertEqual(getdate(callback.due_date), add_days(getdate(repair.completed_on), 5))
			consultation = complete(make_task(task_type="Consultation", problem_category=None))
			self.assertTrue(frappe.db.exists("Revisit", {"task": consultation.name}), "a type the admin added")
			complaint = complete(make_task(task_type="Complaint"))
			self.assertFalse(frappe.db.exists("Revisit", {"task": complaint.name}), "a type left out gets none")
			move(complaint, "Close")  # nothing to wait for
		self.assertEqual(frappe.db.get_value("Service Task", complaint.name, "status_category"), "Closed")

	def test_no_callback_for_an_unfinished_task(self):
		from customer_service.customer_service.doctype.revisit.revisit import RevisitNotAllowedError

		task = make_task()
		before = frappe.db.count("Revisit")
		with self.assertRaises(RevisitNotAllowedError):
			frappe.get_doc({"doctype": "Revisit", "revisit_type": "Task Callback", "task": task.name}).insert()
		self.assertEqual(frappe.db.count("Revisit"), before)


class TestServiceTaskWarranty(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.project = make_project()
		cls.building = make_building(cls.project.name, completion_date=add_days(nowdate(), -300))
		cls.contractor = frappe.get_doc(
			{
				"doctype": "Contractor",
				"contractor_name": unique("防水"),
				"scopes": [{"project": cls.project.name, "problem_category": "防水渗漏"}],
			}
		).insert()

	def unit(self, warranty_start):
		return make_unit(self.building, room_no=unique("R"), status="Delivered", delivery_date=warranty_start)

	def test_inside_both_warranties_goes_to_the_contractor(self):
		task = make_task(make_reception(self.unit(add_days(nowdate(), -100))), problem_category="卫生间渗漏")
		self.assertEqual((task.task_type, task.contractor, task.cost_bearer), ("Warranty Repair", self.contractor.name, "Contractor"))
		self.assertFalse(task.needs_routing)

	def test_outside_the_homeowner_warranty_is_a_paid_repair(self):
		task = make_task(make_reception(self.unit(add_days(nowdate(), -800))), problem_category="木门变形开裂")
		self.assertEqual((task.task_type, task.cost_bearer), ("Repair", "Homeowner"))
		self.assertIsNone(task.contractor)

	def test_past_the_contractor_warranty_the_developer_pays(self):
		old_building = make_building(self.project.name, completion_date=add_days(nowdate(), -1000))
		unit = make_unit(old_building, status="Delivered", delivery_date=add_days(nowdate(), -100))
		task = make_task(make_reception(unit), problem_category="木门变形开裂")
		self.assertEqual((task.task_type, task.cost_bearer), ("Warranty Repair", "Developer"))

	def test_no_contractor_in_scope_flags_the_task_but_keeps_it(self):
		task = make_task(make_reception(self.unit(add_days(nowdate(), -100))), problem_category="插座开关故障")
		self.assertEqual(task.task_type, "Warranty Repair")
		self.assertTrue(task.needs_routing)
		self.assertTrue(frappe.db.exists("Service Task", task.name))


class TestEscalation(FrappeTestCase):
	def report(self, unit, task_type="Repair"):
		return make_task(make_reception(unit), task_type=task_type, problem_category="墙面裂缝")

	def test_repairs_climb_the_ladder(self):
		unit = make_unit()
		first, second = self.report(unit), self.report(unit)
		third, fourth = self.report(unit), self.report(unit)
		self.assertEqual([t.repeat_count for t in (first, second, third, fourth)], [1, 2, 3, 4])
		self.assertEqual((second.task_type, second.escalation_level), ("Repair", 0))
		self.assertEqual((third.task_type, third.escalation_level), ("Complaint", 1))
		self.assertEqual((fourth.task_type, fourth.escalation_level), ("Complaint", 2))
		log = frappe.get_all("Service Escalation", filters={"task": fourth.name}, fields=["from_level", "to_level", "reason", "escalated_by"])
		self.assertEqual([(r.from_level, r.to_level, r.reason, r.escalated_by) for r in log], [(0, 2, "Repeat Report", "Administrator")])

	def test_complaints_climb_faster_and_void_tasks_do_not_count(self):
		unit = make_unit()
		move(self.report(unit, "Complaint"), "Void")
		first = self.report(unit, "Complaint")
		second, third = self.report(unit, "Complaint"), self.report(unit, "Complaint")
		self.assertEqual([t.escalation_level for t in (first, second, third)], [0, 1, 2])

	def test_the_repeat_ladder_is_settings(self):
		"""From the next report on: a stricter ladder, the seeds' dissatisfied-only variant, the window."""
		strict = [{"task_type": "Repair", "report_number": 2, "becomes": "Complaint", "escalate_to": "Group"}]
		with cs_settings(repeat_rules=strict):
			unit = make_unit()
			self.report(unit)
			second = self.report(unit)
		self.assertEqual((second.task_type, second.escalation_level), ("Complaint", 2))

		unit = make_unit()
		_first, second = self.report(unit), self.report(unit)
		with cs_settings(repeat_needs_dissatisfaction=1):
			third = self.report(unit)
			self.assertEqual((third.repeat_count, third.task_type), (1, "Repair"), "no earlier fix left them dissatisfied")
			frappe.db.set_value("Service Task", second.name, "dissatisfied_count", 1)
			fourth = self.report(unit)
			self.assertEqual(fourth.repeat_count, 2)

		unit = make_unit()
		old = self.report(unit)
		frappe.db.set_value("Service Task", old.name, "creation", f"{add_days(nowdate(), -100)} 09:00:00")
		with cs_settings(escalation_window_days=30):
			self.assertEqual(self.report(unit).repeat_count, 1, "outside the window")
		self.assertEqual(self.report(unit).repeat_count, 3, "the default year counts it and the one in between")

	def climbing_task(self, company=None, **fields):
		"""A paid repair of a company under the group, received Monday 09:00, 9 working hours to
		respond and to resolve: both deadlines pass Monday 18:00."""
		company = company or make_company(self.group).name
		department = make_org("Department", company).name
		task = make_task(
			make_reception(unit_of(company), received_on=datetime(2026, 11, 23, 9, 0)),
			problem_category="线路短路跳闸",
			responsible_department=department,
			**fields,
		)
		return task, department

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.group = make_group().name

	def climb(self, task, at):
		with self.freeze_time(at):
			escalate_overdue_tasks()
		task.reload()
		return task.escalation_level, task.escalation_tier, task.escalation_due_by and str(task.escalation_due_by)

	def test_an_overdue_task_climbs_level_by_level_to_the_top(self):
		task, department = self.climbing_task()
		with cs_settings(enable_penalty_ledger=1):
			# Tue 10:00: the SLA breached Monday 18:00 -> the company level, 16 working hours to resolve
			self.assertEqual(self.climb(task, "2026-11-24 10:00:00"), (1, "Company", "2026-11-25 17:00:00"))
			# the same instant again, and a day later: nothing moves
			self.assertEqual(self.climb(task, "2026-11-24 10:00:00")[0], 1)
			self.assertEqual(self.climb(task, "2026-11-25 16:59:00")[0], 1)
			# Wed 17:00 the company level's 16 working hours were up -> group HQ, the top: no deadline
			self.assertEqual(self.climb(task, "2026-11-26 10:00:01"), (2, "Group", None))
			self.assertEqual(self.climb(task, "2026-12-31 10:00:00")[0], 2)
		steps = frappe.get_all(
			"Service Escalation", {"task": task.name}, ["from_level", "to_level", "reason"], order_by="creation"
		)
		self.assertEqual([(e.from_level, e.to_level, e.reason) for e in steps], [(0, 1, "Overdue"), (1, 2, "Overdue")])
		penalties = frappe.get_all(
			"Service Penalty", {"task": task.name}, ["party", "amount", "level", "reason"], order_by="level"
		)
		self.assertEqual(
			[(p.party, p.amount, p.level, p.reason) for p in penalties],
			[(department, 200, 1, "Paid Repair Unresolved"), (department, 400, 2, "Paid Repair Unresolved")],
			"each step books its reason's penalty, doubled at group HQ",
		)

	def test_a_task_resolved_in_time_stops_climbing(self):
		task, _department = self.climbing_task(responsible_user="Administrator")
		self.assertEqual(self.climb(task, "2026-11-24 10:00:00")[0], 1)
		with self.freeze_time("2026-11-25 10:00:00"):
			complete(task)
		self.assertEqual(self.climb(task, "2026-11-27 10:00:00")[0], 1)

	def test_the_region_level_is_used_where_the_settings_and_the_tree_have_one(self):
		region = make_org("Region", self.group).name
		regional, _department = self.climbing_task(company=make_company(region).name)
		direct, _department = self.climbing_task()
		levels = frappe.get_single("Customer Service Settings").escalation_levels
		with cs_settings(escalation_levels=[{**row.as_dict(), "enabled": 1} for row in levels]):
			for at in ("2026-11-24 10:00:00", "2026-11-26 10:00:01", "2026-11-30 10:00:01"):
				self.climb(regional, at)
				self.climb(direct, at)
		self.assertEqual((regional.escalation_level, regional.escalation_tier), (3, "Group"))
		self.assertEqual((direct.escalation_level, direct.escalation_tier), (2, "Group"), "no region above it")
		region_step = frappe.db.get_value("Service Escalation", {"task": regional.name, "to_level": 2}, "notify_user")
		self.assertEqual(region_step, frappe.db.get_value("Service Organization", region, "manager"))

	def test_penalty_amounts_are_settings(self):
		task, _department = self.climbing_task()
		rules = [
			{**row.as_dict(), "amount": 500 if row.reason == "Paid Repair Unresolved" else row.amount}
			for row in frappe.get_single("Customer Service Settings").penalty_rules
		]
		with cs_settings(enable_penalty_ledger=1, penalty_rules=rules):
			self.climb(task, "2026-11-24 10:00:00")
		self.assertEqual(frappe.db.get_value("Service Penalty", {"task": task.name}, "amount"), 500)
		from customer_service.customer_service.doctype.customer_service_settings.customer_service_settings import (
			InvalidRulesError,
		)

		with self.assertRaises(InvalidRulesError):
			with cs_settings(penalty_rules=[{**rules[0], "amount": 1500}]):
				pass

	def test_overdue_job_reads_only_open_unflagged_tasks_through_indexes(self):
		indexes = {row.Key_name for row in frappe.db.sql("show index from `tabService Task`", as_dict=True)}
		self.assertTrue(
			{
				"status_category_is_overdue_resolution_by_index", "status_category_is_overdue_response_by_index",
				"status_dispatch_overdue_dispatch_by_index", "unit_problem_category_index", "reception",
				"project_status_category_response_by_index",
			}
			<= indexes
		)
