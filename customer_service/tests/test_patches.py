"""The migration patches do their work on data that predates them."""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.tests.factories import make_company, make_reception, make_task


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

	def test_backfill_resolved_in_hours(self):
		from customer_service.patches.backfill_resolved_in_hours import execute
		from customer_service.tests.factories import complete

		task = make_task(make_reception(received_on="2026-11-23 09:00:00"), responsible_user="Administrator")
		with self.freeze_time("2026-11-24 11:00:00"):
			task = complete(task)
		open_task = make_task()
		frappe.db.set_value("Service Task", task.name, "resolved_in_hours", 0)
		execute()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "resolved_in_hours"), 11)  # 9 h Monday, 2 h Tuesday
		self.assertEqual(frappe.db.get_value("Service Task", open_task.name, "resolved_in_hours"), 0)

	def test_workbench_counts_current_work(self):
		import json

		from customer_service.patches.workbench_counts_current_work import execute

		def shipped_before(doctype, group_by, filters=()):
			return json.dumps({"document_type": doctype, "group_by": group_by, "filters": json.dumps(list(filters))})

		edited = shipped_before("Service Reception", "channel", [["channel", "!=", "Letter"]])
		frappe.db.set_value("Dashboard Chart", "Tasks by Status", "filters_json", shipped_before("Service Task", "status"))
		frappe.db.set_value("Dashboard Chart", "Receptions by Channel", "filters_json", edited)
		older = json.dumps({"document_type": "Service Reception", "group_by": "status"})  # as releases before wrote it
		frappe.db.set_value("Dashboard Chart", "Receptions by Status", "filters_json", older)
		execute()
		older_now = json.loads(frappe.db.get_value("Dashboard Chart", "Receptions by Status", "filters_json"))
		self.assertEqual(json.loads(older_now["filters"]), [["received_on", "Timespan", "this month"]])
		tasks = json.loads(frappe.db.get_value("Dashboard Chart", "Tasks by Status", "filters_json"))
		self.assertEqual(json.loads(tasks["filters"]), [["status_category", "in", ["Open", "Paused"]]])
		self.assertEqual(frappe.db.get_value("Dashboard Chart", "Receptions by Channel", "filters_json"), edited, "the admin's edit stays")

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
		self.assertIn("status_category_is_overdue_resolution_by_index", indexes)

	def test_sla_indexes_lead_with_the_state(self):
		from customer_service.patches.sla_indexes_lead_with_the_state import execute

		frappe.db.add_index("Service Task", ["is_overdue", "resolution_by"])  # as older releases made them
		frappe.db.add_index("Service Task", ["status_category", "project", "company"])
		execute()
		execute()
		indexes = {row.Key_name for row in frappe.db.sql("show index from `tabService Task`", as_dict=True)}
		self.assertNotIn("is_overdue_resolution_by_index", indexes)
		self.assertNotIn("status_category_project_company_index", indexes)
		self.assertIn("status_category_is_overdue_resolution_by_index", indexes)
		self.assertIn("workbench_open_work_index", indexes)

	def test_workbench_counts_from_indexes(self):
		from customer_service.patches.workbench_counts_from_indexes import execute

		frappe.db.rollback()  # DDL commits: nothing the earlier tests of the class wrote may go with it
		frappe.db.sql_ddl("alter table `tabRevisit` drop index if exists `status_due_date_project_company_index`")
		execute()
		execute()
		for table, index in (
			("tabRevisit", "status_due_date_project_company_index"),
			("tabRevisit", "revisited_on_satisfaction_status_project_company_index"),
			("tabInspection Defect", "status_category_project_inspection_round_index"),
			("tabService Task", "responsible_user_status_category_index"),
		):
			self.assertTrue(frappe.db.sql(f"show index from `{table}` where Key_name = %s", index), index)

	def test_systemic_checks_from_an_index(self):
		from customer_service.patches.systemic_checks_from_an_index import execute

		frappe.db.rollback()  # DDL commits: nothing the earlier tests of the class wrote may go with it
		index = "building_problem_category_is_systemic_index"
		frappe.db.sql_ddl(f"alter table `tabComplaint Topic` drop index if exists `{index}`")
		execute()
		execute()
		self.assertTrue(frappe.db.sql("show index from `tabComplaint Topic` where Key_name = %s", index))
		plan = frappe.db.sql(
			"explain select name from `tabComplaint Topic` where building = 'B' and problem_category = 'C' and is_systemic = 1",
			as_dict=True,
		)
		self.assertEqual(plan[0].key, index)

	def test_one_walked_unit_per_round(self):
		from customer_service.inspection import mark_units_inspected
		from customer_service.patches.one_walked_unit_per_round import execute
		from customer_service.tests.factories import make_building, make_round, make_unit

		frappe.db.rollback()  # DDL commits: nothing the earlier tests of the class wrote may go with it
		frappe.db.sql_ddl("alter table `tabInspected Unit` drop index if exists `inspection_round_unit`")
		building = make_building()
		inspection_round = make_round(building.project, [building.name])
		unit, other = make_unit(building, room_no="101"), make_unit(building, room_no="102")
		mark_units_inspected(inspection_round.name, [unit.name, other.name])
		first = frappe.db.get_value("Inspected Unit", {"inspection_round": inspection_round.name, "unit": unit.name})
		frappe.db.sql(  # a second record of the same walk, as a changed naming rule allowed before
			"insert into `tabInspected Unit` (name, creation, modified, inspection_round, unit, project) "
			"select %s, creation + interval 1 second, modified, inspection_round, unit, project "
			"from `tabInspected Unit` where name = %s",
			(frappe.generate_hash(length=12), first),
		)
		execute()
		execute()
		walked = {"inspection_round": inspection_round.name, "unit": unit.name}
		self.assertEqual(frappe.get_all("Inspected Unit", filters=walked, pluck="name"), [first])
		self.assertTrue(frappe.db.exists("Inspected Unit", {"inspection_round": inspection_round.name, "unit": other.name}))
		self.assertTrue(frappe.db.sql("show index from `tabInspected Unit` where Key_name = 'inspection_round_unit'"))
		frappe.db.sql(  # another name for the same walk is the same walk
			"insert into `tabInspected Unit` (name, creation, modified, inspection_round, unit, project) "
			"values (%s, now(6), now(6), %s, %s, %s) on duplicate key update `name` = `name`",
			(frappe.generate_hash(length=12), inspection_round.name, unit.name, building.project),
		)
		self.assertEqual(frappe.get_all("Inspected Unit", filters=walked, pluck="name"), [first])
		# the DDL committed what the test made: it goes again
		frappe.db.rollback()
		frappe.db.delete("Inspected Unit", {"inspection_round": inspection_round.name})
		frappe.delete_doc("Inspection Round", inspection_round.name, force=True)
		for name in (unit.name, other.name):
			frappe.delete_doc("Property Unit", name, force=True)
		frappe.delete_doc("Property Building", building.name, force=True)
		frappe.db.commit()

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

	def test_states_as_data_on_a_site_from_before(self):
		import json

		from customer_service.patches import states_as_data

		# a workflow whose states say nothing, with a state an admin added and listed as paused
		workflow = frappe.get_doc("Workflow", "Service Task Workflow")
		if not frappe.db.exists("Workflow State", "Waiting for Homeowner"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Waiting for Homeowner"}).insert()
		workflow.append("states", {"state": "Waiting for Homeowner", "doc_status": "0", "allow_edit": "CS Agent"})
		for row in workflow.states:
			row.update_field = row.update_value = None
		workflow.db_update_all()
		frappe.clear_cache()
		task = make_task()
		frappe.db.set_value("Service Task", task.name, {"status": "To Implement", "status_category": None})
		waiting = make_task()
		frappe.db.set_value("Service Task", waiting.name, {"status": "Waiting for Homeowner", "status_category": None})
		# the settings' single values of before, and what the shipped records looked like
		settings = frappe.get_single("Customer Service Settings")
		settings.callback_rules, settings.penalty_rules = [], []
		settings.save()  # (saving a single rewrites its rows: the old values go in after)
		singles = frappe.qb.Table("tabSingles")
		for field, value in (("complaint_callback_days", 1), ("repair_callback_days", 3), ("penalty_amount", 5000)):
			frappe.qb.into(singles).insert("Customer Service Settings", field, value).run()
		frappe.db.set_value("Notification", "Compensation Awaiting Approval", "condition", 'doc.status == "Pending Approval"')
		frappe.db.set_value(
			"Number Card", "Open Tasks", "filters_json",
			json.dumps([["Service Task", "status", "in", ["To Assign", "To Reply", "Discussing Solution", "To Implement"]]]),
		)  # fmt: skip
		frappe.db.set_value("Dashboard Chart", "Tasks by Status", {"chart_type": "Group By", "source": None})

		states_as_data.categorise_workflows("Service Task", paused={"Waiting for Homeowner"})
		states_as_data.fill_categories("Service Task", {"To Implement": "Open", "Waiting for Homeowner": "Paused"})
		states_as_data.move_rules_into_tables()
		states_as_data.update_notifications_and_cards()

		categories = {r.state: r.update_value for r in frappe.get_doc("Workflow", "Service Task Workflow").states}
		self.assertEqual((categories["To Implement"], categories["Void"], categories["Waiting for Homeowner"]), ("Open", "Cancelled", "Paused"))
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "status_category"), "Open")
		self.assertEqual(frappe.db.get_value("Service Task", waiting.name, "status_category"), "Paused")
		settings = frappe.get_single("Customer Service Settings")
		days = {row.task_type: row.due_days for row in settings.callback_rules}
		self.assertEqual((days["Complaint"], days["Repair"]), (1, 3))
		self.assertEqual({row.amount for row in settings.penalty_rules}, {1000}, "kept within the manual's 200–1000")
		self.assertEqual(
			frappe.db.get_value("Notification", "Compensation Awaiting Approval", "condition"),
			'doc.status_category == "Pending Approval"',
		)
		self.assertIn("status_category", frappe.db.get_value("Number Card", "Open Tasks", "filters_json"))
		self.assertEqual(frappe.db.get_value("Dashboard Chart", "Tasks by Status", "source"), "Grouped Count")

	def test_scheduled_revisits_of_before_get_their_key(self):
		from customer_service.patches.states_as_data import key_scheduled_revisits
		from customer_service.tests.factories import make_unit

		unit = make_unit()
		first, second = (
			frappe.get_doc({"doctype": "Revisit", "revisit_type": "After Signing", "unit": unit.name}).insert()
			for _ in range(2)
		)
		for revisit in (first, second):
			frappe.db.set_value("Revisit", revisit.name, "schedule_key", None)
		key_scheduled_revisits()
		self.assertEqual(frappe.db.get_value("Revisit", first.name, "schedule_key"), f"{unit.name}/After Signing")
		self.assertIsNone(frappe.db.get_value("Revisit", second.name, "schedule_key"), "a duplicate keeps none")

	def test_contractors_complete_their_tasks_on_a_workflow_from_before(self):
		from customer_service.patches.contractors_complete_their_tasks import execute

		workflow = frappe.get_doc("Workflow", "Service Task Workflow")
		workflow.transitions = [t for t in workflow.transitions if t.allowed != "Contractor"]
		# an admin's second way to completion, from a state of their own: found by the categories
		if not frappe.db.exists("Workflow State", "On Site"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "On Site"}).insert()
		workflow.append("states", {"state": "On Site", "doc_status": "0", "allow_edit": "CS Engineer", "update_field": "status_category", "update_value": "Open"})
		workflow.append("transitions", {"state": "On Site", "action": "Complete", "next_state": "Completed", "allowed": "CS Engineer"})
		workflow.save()
		frappe.clear_cache(doctype="Service Task")
		completes = {(t.state, t.action, t.next_state) for t in workflow.transitions if t.next_state == "Completed"}
		self.assertEqual(len(completes), 2)
		execute()
		execute()  # repeatable
		contractor = [
			(t.state, t.action, t.next_state)
			for t in frappe.get_doc("Workflow", "Service Task Workflow").transitions
			if t.allowed == "Contractor"
		]
		self.assertEqual(sorted(contractor), sorted(completes))
		self.assertEqual(len(contractor), len(set(contractor)))

	def test_login_by_mobile_number_is_switched_on(self):
		from customer_service.patches.enable_login_by_mobile_number import execute

		frappe.db.set_single_value("System Settings", "allow_login_using_mobile_number", 0)
		execute()
		self.assertEqual(frappe.db.get_single_value("System Settings", "allow_login_using_mobile_number"), 1)

	def test_homeowners_notifications_reach_the_portal_unless_edited(self):
		from customer_service.patches.homeowners_see_notifications_in_the_portal import execute

		frappe.db.set_value("Notification", "Warranty Expiring", "send_system_notification", 0)
		frappe.db.set_value("Notification", "Handover Appointment Reminder", {"send_system_notification": 0, "subject": "自定义主题"})
		execute()
		self.assertEqual(frappe.db.get_value("Notification", "Warranty Expiring", "send_system_notification"), 1)
		self.assertEqual(
			frappe.db.get_value("Notification", "Handover Appointment Reminder", ["send_system_notification", "subject"]),
			(0, "自定义主题"),
			"an admin's edited notification stays theirs",
		)

	def test_tasks_dispatched_before_get_their_dispatch_time(self):
		from customer_service.patches.backfill_dispatched_on import execute

		waiting, answered, untouched = make_task(), make_task(), make_task()
		frappe.db.set_value("Service Task", waiting.name, {"status": "To Reply", "dispatched_on": None, "responded_on": None})
		frappe.db.set_value(
			"Service Task", answered.name, {"status": "To Implement", "dispatched_on": None, "responded_on": "2026-03-02 10:00:00"}
		)
		execute()
		self.assertEqual(str(frappe.db.get_value("Service Task", answered.name, "dispatched_on")), "2026-03-02 10:00:00")
		self.assertEqual(
			frappe.db.get_value("Service Task", waiting.name, "dispatched_on"), frappe.db.get_value("Service Task", waiting.name, "creation")
		)
		self.assertIsNone(frappe.db.get_value("Service Task", untouched.name, "dispatched_on"), "still in its first state")
		voided = make_task()
		frappe.db.set_value("Service Task", voided.name, {"status": "Void", "status_category": "Cancelled", "dispatched_on": None})
		execute()
		self.assertIsNone(frappe.db.get_value("Service Task", voided.name, "dispatched_on"), "voided: never dispatched")

	def test_penalties_from_before_the_type_are_penalties(self):
		from customer_service.patches.type_existing_penalties import execute

		penalty = frappe.get_doc(
			{"doctype": "Service Penalty", "task": make_task().name, "party_type": "Service Organization",
			 "party": make_company().name, "amount": 100, "reason": "逾期"}
		).insert()  # fmt: skip
		frappe.db.set_value("Service Penalty", penalty.name, "penalty_type", None)  # as a site from before has it
		execute()
		self.assertEqual(frappe.db.get_value("Service Penalty", penalty.name, "penalty_type"), "Penalty")
