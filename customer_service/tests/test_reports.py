"""Every report of the app on the demo data, as a restricted user of each company: the totals are
what a direct count of that company's records gives, and nothing of the other company shows.

The direct counts name the projects each user works on (the demo's sharing: 海湾花园 of Xiamen is
shared with Shenzhen), so they do not go through the permission code the reports use.
"""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from customer_service.demo import DEMO_DOMAIN, SHENZHEN, XIAMEN, make_demo
from customer_service.state_categories import TASK_ACTIVE

# user → (the projects they work on, the company whose records without a project they see)
USERS = {
	f"manager@{DEMO_DOMAIN}": ({"海湾花园", "湖景苑"}, XIAMEN),
	f"sz.manager@{DEMO_DOMAIN}": ({"海湾花园", "南山壹号"}, SHENZHEN),
}
OTHERS = {f"manager@{DEMO_DOMAIN}": "南山壹号", f"sz.manager@{DEMO_DOMAIN}": "湖景苑"}


def since(days: int) -> tuple:
	return ("between", [f"{add_days(nowdate(), -days)} 00:00:00", f"{nowdate()} 23:59:59"])


class TestReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_demo()

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_as(self, user: str, report: str, **filters) -> list[dict]:
		"""The report as the user's request runs it: in their language (the site's, Chinese)."""
		frappe.set_user(user)
		lang, frappe.local.lang = frappe.local.lang, frappe.db.get_value("User", user, "language") or "zh"
		try:
			result = run(report, filters=filters)["result"]
		finally:
			frappe.set_user("Administrator")
			frappe.local.lang = lang
		self.assertTrue(result, report)
		total = result[-1]
		self.assertEqual(total.get("is_total_row"), 1, f"{report}: the last row is the total")
		return result

	def assertTotal(self, report: str, field: str, direct, **filters):
		for user, (projects, _company) in USERS.items():
			rows = self.run_as(user, report, **filters)
			self.assertEqual(rows[-1][field], direct(projects), f"{report} as {user}: {field}")
			shown = " ".join(str(v) for row in rows for v in row.values())
			self.assertNotIn(OTHERS[user], shown, f"{report} as {user} shows the other company's project")

	def test_task_ageing(self):
		self.assertTotal(
			"Task Ageing", "open_tasks",
			lambda projects: frappe.db.count("Service Task", {"project": ("in", projects), "status_category": ("in", TASK_ACTIVE)}),
		)  # fmt: skip
		rows = self.run_as(f"manager@{DEMO_DOMAIN}", "Task Ageing")
		for row in rows:
			buckets = sum(row[f] for f in ("days_0_2", "days_3_5", "days_6_10", "days_11_20", "days_over_20"))
			self.assertEqual(buckets, row["open_tasks"], row["department"])

	def test_complaint_analysis(self):
		self.assertTotal(
			"Complaint Analysis", "complaints",
			lambda projects: frappe.db.count("Service Task", {"project": ("in", projects), "task_type": "Complaint", "creation": since(180)}),
			top_n=1000,
		)  # fmt: skip

	def test_repeat_and_escalated_problems(self):
		from customer_service.demo import REPEAT_LEAK

		unit, category, *_rest = REPEAT_LEAK
		rows = self.run_as(f"manager@{DEMO_DOMAIN}", "Repeat and Escalated Problems")
		leak = next(r for r in rows if r.get("unit") == unit and r["category"] == category)
		direct = frappe.get_all("Service Task", {"unit": unit, "problem_category": category}, ["repeat_count", "escalation_level"])
		self.assertEqual(leak["reports"], len(direct))
		self.assertEqual(leak["highest_ordinal"], max(t.repeat_count for t in direct))
		self.assertEqual(leak["highest_level"], max(t.escalation_level for t in direct))
		self.assertEqual(leak["highest_level"], 2, "the repeated leak reached group HQ")
		self.assertGreaterEqual(leak["repeat_report"], 1)

	def test_defect_rectification(self):
		self.assertTotal(
			"Defect Rectification", "defects",
			lambda projects: frappe.db.count("Inspection Defect", {"project": ("in", projects), "creation": since(365)}),
		)  # fmt: skip
		rows = self.run_as(f"manager@{DEMO_DOMAIN}", "Defect Rectification")
		total = rows[-1]
		self.assertEqual(total["rectification_rate"], round(100 * total["rectified"] / total["defects"], 1))

	def test_satisfaction_rate(self):
		self.assertTotal(
			"Satisfaction Rate", "answered",
			lambda projects: frappe.db.count(
				"Revisit", {"project": ("in", projects), "status": "Done", "satisfaction": ("is", "set"), "revisited_on": since(180)}
			),
		)  # fmt: skip
		rows = self.run_as(f"manager@{DEMO_DOMAIN}", "Satisfaction Rate", group_by="Project")
		self.assertEqual({r["callback_target"] for r in rows}, {100.0}, "the 100% callback target is shown")

	def test_revisit_coverage(self):
		self.assertTotal(
			"Revisit Coverage", "completed",
			lambda projects: frappe.db.count(
				"Service Task",
				{"project": ("in", projects), "status_category": ("in", ("Completed", "Closed")), "completed_on": since(90), "revisit_waived": 0},
			),
		)  # fmt: skip

	def test_compensation_summary(self):
		self.assertTotal(
			"Compensation Summary", "amount",
			lambda projects: sum(frappe.get_all("Compensation", {"project": ("in", projects), "docstatus": ("<", 2), "creation": since(90)}, pluck="amount")),
		)  # fmt: skip
		rows = self.run_as(f"manager@{DEMO_DOMAIN}", "Compensation Summary", group_by="Status")
		self.assertIn("待审批", {r["group"] for r in rows}, "statuses in the user's language")

	def test_penalty_ledger(self):
		def direct(projects):
			company = next(c for p, c in USERS.values() if p == projects)
			return frappe.db.count("Service Penalty", {"project": ("in", projects), "posting_date": since(365)}) + frappe.db.count(
				"Service Penalty", {"project": ("is", "not set"), "company": company, "posting_date": since(365)}
			)

		self.assertTotal("Penalty Ledger", "entries", direct)
		rows = self.run_as(f"manager@{DEMO_DOMAIN}", "Penalty Ledger")
		contractor = next((r for r in rows if r.get("retention_balance") is not None), None)
		if contractor:
			self.assertEqual(contractor["retention_balance"], frappe.db.get_value("Contractor", contractor["group"], "retention_balance"))

	def test_an_agent_without_the_role_gets_no_ledger(self):
		frappe.set_user(f"sz.agent@{DEMO_DOMAIN}")
		try:
			with self.assertRaises(frappe.PermissionError):
				run("Penalty Ledger", filters={})
		finally:
			frappe.set_user("Administrator")

	def test_the_monthly_report_to_management(self):
		"""Shipped disabled, monthly, for the previous month; once an admin sets recipients, it mails the
		report of that month."""
		from frappe.utils import add_months, getdate

		from customer_service.setup.auto_email_reports import MONTHLY_REPORTS, create_monthly_reports

		create_monthly_reports()
		for report in MONTHLY_REPORTS:
			doc = frappe.get_doc("Auto Email Report", {"report": report})
			self.assertEqual((doc.enabled, doc.frequency, doc.dynamic_date_period), (0, "Monthly", "Monthly"), report)
			doc.prepare_dynamic_filters()
			self.assertEqual(getdate(doc.filters["from_date"]), getdate(add_months(nowdate(), -1)), report)
		doc = frappe.get_doc("Auto Email Report", {"report": "Satisfaction Rate"})
		doc.email_to = "gm@example.com"
		doc.enabled = 1
		doc.save()
		queued = frappe.db.count("Email Queue Recipient", {"recipient": "gm@example.com"})
		doc.send()
		self.assertEqual(frappe.db.count("Email Queue Recipient", {"recipient": "gm@example.com"}), queued + 1)
		create_monthly_reports()  # migrate: the admin's recipients stay
		self.assertEqual(frappe.db.get_value("Auto Email Report", doc.name, ["email_to", "enabled"]), ("gm@example.com", 1))
