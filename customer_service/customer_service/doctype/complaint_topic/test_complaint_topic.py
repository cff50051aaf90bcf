import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.tests.factories import make_reception, make_task, move


def make_topic(**fields):
	return frappe.get_doc(
		{"doctype": "Complaint Topic", "topic_name": "2号楼外墙渗水群诉", "standard_solution": "统一重做外墙防水", **fields}
	).insert()


class TestComplaintTopic(FrappeTestCase):
	def test_linked_tasks_roll_up(self):
		topic = make_topic()
		tasks = [make_task(make_reception(), complaint_topic=topic.name) for _ in range(3)]
		topic.reload()
		self.assertEqual((topic.task_count, topic.open_task_count, topic.status), (3, 3, "Open"))
		move(tasks[0], "Void")
		topic.reload()
		self.assertEqual((topic.open_task_count, topic.status), (2, "Resolving"))
		for task in tasks[1:]:
			move(task, "Mark Invalid")
		topic.reload()
		self.assertEqual((topic.open_task_count, topic.status), (0, "Resolved"))
		# unlinking a task rolls the old topic back
		other = make_topic(topic_name="另一个专题")
		task = make_task(make_reception(), complaint_topic=other.name)
		task.complaint_topic = topic.name
		task.save()
		self.assertEqual(frappe.db.get_value("Complaint Topic", other.name, "task_count"), 0)
		self.assertEqual(frappe.db.get_value("Complaint Topic", topic.name, "task_count"), 4)

	def test_apply_the_standard_solution_to_open_tasks(self):
		topic = make_topic()
		open_tasks = [make_task(make_reception(), complaint_topic=topic.name) for _ in range(2)]
		finished = move(make_task(make_reception(), complaint_topic=topic.name), "Void")
		self.assertEqual(topic.apply_solution(), 2)
		for task in open_tasks:
			self.assertEqual(frappe.db.get_value("Service Task", task.name, "solution"), "统一重做外墙防水")
		self.assertIsNone(frappe.db.get_value("Service Task", finished.name, "solution"))
		self.assertEqual(topic.apply_solution(), 0, "applying again changes nothing")


class TestSystemicDefects(FrappeTestCase):
	def test_a_category_on_a_fifth_of_a_building_proposes_one_topic(self):
		from customer_service.tests.factories import make_building, make_defect, make_round, make_unit, make_user

		manager, elsewhere = make_user(["CS Manager"]).name, make_user(["CS Manager"]).name
		building = make_building()
		frappe.db.set_value("Service Organization", building.company, "manager", manager)
		units = [make_unit(building, room_no=str(100 + i)) for i in range(10)]
		make_task(make_reception(units[0]), problem_category="外墙渗漏")
		self.assertFalse(frappe.db.exists("Complaint Topic", {"building": building.name, "is_systemic": 1}))
		inspection_round = make_round(building.project, [building.name])
		make_defect(inspection_round, units[1], problem_category="外墙渗漏")  # 2 of 10 units = 20%
		topic = frappe.get_doc("Complaint Topic", {"building": building.name, "is_systemic": 1})
		self.assertEqual((topic.problem_category, topic.task_count), ("外墙渗漏", 1))
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": manager, "document_name": topic.name}))
		self.assertFalse(frappe.db.exists("Notification Log", {"for_user": elsewhere, "document_name": topic.name}))
		make_task(make_reception(units[2]), problem_category="外墙渗漏")
		self.assertEqual(frappe.db.count("Complaint Topic", {"building": building.name, "is_systemic": 1}), 1, "proposed once")
