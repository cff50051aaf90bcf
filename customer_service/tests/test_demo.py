import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.demo import DEMO_DOMAIN, DEMO_MARK, REPEAT_LEAK, SHENZHEN, XIAMEN, make_demo

COUNTED = (
	"Service Organization", "Property Project", "Property Building", "Property Unit", "Homeowner", "Contractor", "User",
	"Service Reception", "Service Task", "Complaint Topic", "Compensation", "Revisit",
	"Inspection Round", "Inspection Defect", "Unit Handover",
)  # fmt: skip


class TestDemo(FrappeTestCase):
	def test_demo_is_complete_and_idempotent(self):
		make_demo()
		counts = {doctype: frappe.db.count(doctype) for doctype in COUNTED}
		make_demo()
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in COUNTED}, counts)

		self.assertEqual(frappe.db.count("Service Organization", {"org_type": "Company", "name": ("in", [XIAMEN, SHENZHEN])}), 2)
		self.assertEqual(frappe.db.count("Property Unit", {"project": "海湾花园"}), 2 * 48)
		self.assertEqual(frappe.db.get_value("Property Unit", "海湾花园-1栋-1-102", "primary_homeowner"),
			frappe.db.get_value("Homeowner", {"mobile_no": "13906001002"}))
		self.assertGreaterEqual(frappe.db.count("Problem Category", {"is_group": 0}), 40)

		statuses = set(frappe.get_all("Service Task", pluck="status", distinct=True))
		self.assertTrue(
			{"To Assign", "To Reply", "Discussing Solution", "To Implement", "Completed", "Closed", "Void", "Invalid Request"}
			<= statuses
		)
		self.assertTrue(frappe.db.exists("Service Escalation", {"reason": "Repeat Report"}))
		self.assertTrue(frappe.db.exists("Service Task", {"is_overdue": 1}))
		self.assertEqual(frappe.db.get_value("Complaint Topic", {"topic_name": "海湾花园2栋外墙渗水群诉"}, "task_count"), 3)
		self.assertTrue(frappe.db.exists("Compensation", {"status": "Pending Approval"}))
		self.assertTrue(frappe.db.exists("Revisit", {"status": "Open", "revisit_type": "After Handover 1 Month"}))
		self.assertEqual(
			set(frappe.get_all("Service Reception", {"content": ("like", f"{DEMO_MARK}%")}, pluck="status", distinct=True))
			& {"To Decompose", "Decomposed", "To Confirm"},
			{"Decomposed", "To Confirm"},
		)

		self.assertEqual(
			set(frappe.get_all("Inspection Defect", pluck="status", distinct=True)),
			{"Open", "Dispatched", "Rectified", "Verified"},
		)
		self.assertTrue(frappe.db.exists("Inspection Defect", {"rejection_count": (">", 0)}))
		self.assertTrue(frappe.db.exists("Unit Handover", {"docstatus": 1}))
		self.assertEqual(frappe.db.get_value("Property Unit", "湖景苑-1栋-1-401", "status"), "Delivered")

		frappe.set_user(f"agent@{DEMO_DOMAIN}")
		try:
			self.assertEqual(set(frappe.get_list("Property Project", pluck="name")), {"海湾花园", "湖景苑"})
			frappe.set_user(f"sz.agent@{DEMO_DOMAIN}")
			self.assertEqual(set(frappe.get_list("Property Project", pluck="name")), {"海湾花园", "南山壹号"})
		finally:
			frappe.set_user("Administrator")

	def test_demo_portal_logins_reach_their_own(self):
		from customer_service.portal import contractor, homeowner
		from customer_service.demo import PORTAL_CONTRACTORS, PORTAL_HOMEOWNERS

		make_demo()
		for mobile, local in PORTAL_HOMEOWNERS:
			user = frappe.db.get_value("Homeowner", {"mobile_no": mobile}, "user")
			self.assertEqual(user, f"{local}@{DEMO_DOMAIN}")
			self.assertEqual(frappe.db.get_value("User", user, ["user_type", "mobile_no"]), ("Website User", mobile))
		for name, local in PORTAL_CONTRACTORS:
			self.assertEqual(frappe.db.get_value("Contractor", name, "user"), f"{local}@{DEMO_DOMAIN}")

		frappe.set_user(f"chen.jianguo@{DEMO_DOMAIN}")
		try:
			requests = homeowner.my_requests()
			self.assertTrue(any(task.can_rate for reception in requests for task in reception.tasks), "a task to rate")
			frappe.set_user(f"zhao.yaqin@{DEMO_DOMAIN}")
			(home,) = homeowner.my_handovers()
			self.assertTrue(home["round"] and not home["handover"], "a handover to book")
			self.assertEqual([d.description for d in home["defects"]], ["客厅墙面斜向裂缝约40厘米"])
			frappe.set_user(f"zjhx@{DEMO_DOMAIN}")
			work = contractor.my_work()
			self.assertIn("湖景苑-1栋-1-402", {item["unit"] for item in work})
			frappe.set_user(f"dfyh@{DEMO_DOMAIN}")
			rejected = [item for item in contractor.my_work() if item["rejection_count"]]
			self.assertEqual([item["unit"] for item in rejected], ["海湾花园-2栋-2-401"], "the rejected leak, and why")
		finally:
			frappe.set_user("Administrator")

	def test_demo_tells_the_first_hours_story(self):
		make_demo()
		self.assertGreaterEqual(
			frappe.db.count("Unit Handover", {"docstatus": 0, "appointment": (">", frappe.utils.now())}), 3, "handovers booked ahead"
		)
		self.assertEqual(frappe.db.count("Note", {"title": ("like", "%交付%"), "public": 1, "notify_on_login": 1}), 2)
		self.assertEqual(frappe.db.get_value("Note", {"title": ("like", "湖景苑集中交付%")}, "cs_company"), XIAMEN)

		channels = set(frappe.get_all("Service Reception", {"content": ("like", f"{DEMO_MARK}%")}, pluck="channel", distinct=True))
		self.assertEqual(channels, {"Phone", "Hotline 400", "Visit", "Website", "Portal", "WeChat", "Letter"}, "receptions on every channel")

		unit, category, _description, channels = REPEAT_LEAK
		leaks = frappe.get_all(
			"Service Task", {"unit": unit, "problem_category": category}, ["task_type", "escalation_level", "repeat_count"], order_by="creation"
		)
		self.assertEqual([(t.task_type, t.escalation_level) for t in leaks][-2:], [("Complaint", 1), ("Complaint", 2)], "climbed to group HQ")
		self.assertEqual(leaks[-1].repeat_count, len(channels))

		topic = frappe.get_doc("Complaint Topic", {"topic_name": "海湾花园2栋外墙渗水群诉"})
		solutions = frappe.get_all("Service Task", {"complaint_topic": topic.name}, pluck="solution")
		self.assertEqual(solutions, [topic.standard_solution] * 3, "the hot issue's standard solution applied")

		satisfaction = set(frappe.get_all("Revisit", {"satisfaction": ("is", "set")}, pluck="satisfaction", distinct=True))
		self.assertTrue({"Very Satisfied", "Dissatisfied"} <= satisfaction)
		reopened = frappe.db.get_value("Revisit", {"satisfaction": "Dissatisfied"}, "task")
		self.assertEqual(frappe.db.get_value("Service Task", reopened, ["status_category", "dissatisfied_count"]), ("Open", 1))
		self.assertTrue(frappe.db.exists("Service Escalation", {"task": reopened, "reason": "Dissatisfied Callback"}))

	def test_demo_shows_every_erpnext_link(self):
		"""On the ERPNext site: the companies' Companies, a homeowner's customer, a contractor's supplier,
		a compensation paid by its journal entry and a chargeback with its entry; without ERPNext, the
		chargeback alone."""
		from customer_service.demo import CHARGEBACK_MARK
		from customer_service.erp import erpnext_installed

		make_demo()
		task = frappe.db.get_value("Service Task", {"description": ("like", f"{CHARGEBACK_MARK}%")}, ["name", "status_category"], as_dict=True)
		self.assertEqual(task.status_category, "Completed")
		chargeback = frappe.get_doc("Service Penalty", {"task": task.name, "penalty_type": "Chargeback"})
		self.assertEqual(chargeback.amount, 2600)
		if not erpnext_installed():
			return
		for company in (XIAMEN, SHENZHEN):
			self.assertTrue(frappe.db.exists("Company", frappe.db.get_value("Service Organization", company, "erpnext_company")))
		self.assertEqual(frappe.db.count("Homeowner", {"customer": ("is", "not set")}), 0)
		self.assertEqual(frappe.db.count("Contractor", {"supplier": ("is", "not set")}), 0)
		paid = frappe.db.get_value("Compensation", {"reason": ("like", f"{DEMO_MARK}%"), "status_category": "Paid"}, "journal_entry")
		self.assertEqual(frappe.db.get_value("Journal Entry", paid, "docstatus"), 1)
		self.assertEqual(frappe.db.get_value("Journal Entry", chargeback.journal_entry, "docstatus"), 0)
