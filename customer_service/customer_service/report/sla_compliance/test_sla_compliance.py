from datetime import datetime

from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from customer_service.customer_service.report.sla_compliance.sla_compliance import execute
from customer_service.escalation import escalate_overdue_tasks
from customer_service.tests.factories import complete, make_project, make_reception, make_task, make_unit, make_building


class TestSLACompliance(FrappeTestCase):
	def test_on_time_rates_and_hours_to_breach(self):
		project = make_project()
		unit = make_unit(make_building(project.name))
		late = make_task(make_reception(unit, received_on=datetime(2026, 1, 5, 9, 0)))
		escalate_overdue_tasks()
		done = complete(make_task(make_reception(unit), problem_category="地漏返味"))
		waiting = make_task(make_reception(unit), problem_category="地漏返味")
		period = {"project": project.name, "from_date": add_days(nowdate(), -1), "to_date": add_days(nowdate(), 1)}
		_columns, rows, _message, _chart, summary = execute({**period, "group_by": "Task"})
		by_name = {r.name: r for r in rows}
		self.assertEqual(set(by_name), {late.name, done.name, waiting.name})
		self.assertEqual((by_name[late.name].response_on_time, by_name[late.name].resolution_on_time), (0, 0))
		self.assertLess(by_name[late.name].hours_to_breach, 0)
		self.assertEqual((by_name[done.name].response_on_time, by_name[done.name].resolution_on_time), (1, 1))
		self.assertIsNone(by_name[done.name].hours_to_breach)
		self.assertGreater(by_name[waiting.name].hours_to_breach, 0)
		values = {s["label"]: s["value"] for s in summary}
		self.assertEqual(values["Tasks"], 3)
		self.assertEqual(values["Resolution on Time"], 100)
		self.assertEqual(values["Overdue Tasks"], 1)

		# by default one row per project, counted by the database: the same figures
		_columns, groups, _message, _chart, grouped_summary = execute(period)
		self.assertEqual(grouped_summary, summary)
		project_row, total = groups
		self.assertEqual(project_row["group"], project.name)
		self.assertEqual(
			{k: project_row[k] for k in ("tasks", "response_on_time", "finished", "resolution_on_time", "overdue")},
			{"tasks": 3, "response_on_time": 1, "finished": 1, "resolution_on_time": 1, "overdue": 1},
		)
		self.assertEqual((project_row["resolution_rate"], total["is_total_row"], total["tasks"]), (100, 1, 3))

	def test_values_are_shown_in_the_users_language(self):
		import frappe

		project = make_project()
		task = make_task(make_reception(make_unit(make_building(project.name))))
		frappe.local.lang = "zh"
		try:
			_columns, rows, *_rest = execute({"project": project.name, "group_by": "Task"})
			_columns, by_type, *_rest = execute({"project": project.name, "group_by": "Task Type"})
		finally:
			frappe.local.lang = "en"
		row = next(r for r in rows if r.name == task.name)
		self.assertEqual((row.task_type, row.priority, row.status), ("报修", "普通", "待分派"))
		self.assertEqual(by_type[0]["group"], "报修")


class TestSLAHeadline(FrappeTestCase):
	def test_no_countdown_on_a_finished_or_void_task(self):
		from customer_service.api.service_desk import get_task_sla
		from customer_service.tests.factories import move

		open_task = make_task()
		self.assertIsNotNone(get_task_sla(open_task.name)["hours_to_breach"])
		void = move(make_task(), "Void")
		self.assertIsNone(get_task_sla(void.name)["hours_to_breach"])
		self.assertIsNone(get_task_sla(complete(make_task()).name)["hours_to_breach"])
