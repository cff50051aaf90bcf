import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.setup.install import ROLES, after_migrate


class TestInstall(FrappeTestCase):
	def test_roles_are_shipped_and_portal_roles_have_no_desk(self):
		for role, desk_access in ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), desk_access, role)
		self.assertEqual(frappe.db.get_value("Role", "Homeowner", "desk_access"), 0)
		self.assertEqual(frappe.db.get_value("Role", "Contractor", "desk_access"), 0)

	def test_migrate_keeps_admin_edits(self):
		frappe.db.set_value("Role", "CS Engineer", "two_factor_auth", 1)
		frappe.db.set_single_value("Customer Service Settings", "response_working_hours", 4)
		after_migrate()
		self.assertEqual(frappe.db.get_value("Role", "CS Engineer", "two_factor_auth"), 1)
		self.assertEqual(frappe.db.get_single_value("Customer Service Settings", "response_working_hours"), 4)


class TestWorkbench(FrappeTestCase):
	def test_workspace_and_number_cards(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		from customer_service.setup.workspace import WORKSPACE, card_labels
		from customer_service.tests.factories import make_task

		workspace = frappe.get_doc("Workspace", WORKSPACE)
		self.assertEqual({c.number_card_name for c in workspace.number_cards}, set(card_labels()))
		from customer_service.setup.workspace import CHARTS, REPORTS

		self.assertEqual({c.chart_name for c in workspace.charts}, {name for name, *_rest in CHARTS})
		self.assertEqual({row.link_to for row in workspace.links if row.link_type == "Report"}, set(REPORTS), "every report")
		from customer_service.customer_service.dashboard_chart_source.grouped_count.grouped_count import get as get_chart

		make_task()
		data = get_chart(chart_name="Tasks by Status")
		self.assertIn("To Assign", data["labels"])
		frappe.local.lang = "zh"
		try:
			self.assertIn("待分派", get_chart(chart_name="Tasks by Status")["labels"], "legends in the user's language")
		finally:
			frappe.local.lang = "en"
		card = frappe.get_doc("Number Card", "Open Tasks")
		before = get_result(card, card.filters_json)
		make_task()
		self.assertEqual(get_result(card, card.filters_json), before + 1)
		# an admin's rearrangement survives a migrate
		workspace.sequence_id = 42
		workspace.save()
		after_migrate()
		self.assertEqual(frappe.db.get_value("Workspace", WORKSPACE, "sequence_id"), 42)


class TestHooks(FrappeTestCase):
	def test_every_app_doctype_is_isolated_and_guarded(self):
		"""hooks.py lists the DocTypes of permissions.RULES: each has the list and document hooks
		and the save guards; every app DocType with rows of its own is in RULES."""
		from customer_service import hooks
		from customer_service.permissions import RULES

		self.assertEqual(set(hooks._app_doctypes), set(RULES))
		own = set(frappe.get_all("DocType", filters={"module": "Customer Service", "istable": 0}, pluck="name"))
		self.assertEqual(own - set(RULES), set())
		for doctype in RULES:
			self.assertIn(doctype, frappe.get_hooks("has_permission"))
			self.assertIn(doctype, frappe.get_hooks("permission_query_conditions"))
			events = frappe.get_hooks("doc_events")[doctype]
			self.assertIn("customer_service.permissions.check_place", events["validate"])
			self.assertIn("customer_service.protected_fields.guard_stored_state", events["before_validate"])


class TestWorkbenchFigures(FrappeTestCase):
	def test_the_charts_count_what_their_filters_say(self):
		from customer_service.customer_service.dashboard_chart_source.grouped_count.grouped_count import get as get_chart
		from customer_service.tests.factories import make_building, make_company, make_org, make_project, make_reception, make_task, make_unit

		company = make_company().name
		department = make_org("Department", company)
		unit = make_unit(make_building(make_project(company=company).name))

		def counts():
			data = get_chart(chart_name="Overdue Tasks by Department")
			return dict(zip(data["labels"], data["datasets"][0]["values"]))

		before = counts()
		task = make_task(make_reception(unit), responsible_department=department.name)
		frappe.db.set_value("Service Task", task.name, "is_overdue", 1)
		make_task(make_reception(unit), responsible_department=department.name)  # not overdue: not counted
		after = counts()
		self.assertEqual(after.get(department.name, 0), before.get(department.name, 0) + 1)

		def channels():
			data = get_chart(chart_name="Receptions by Channel")
			return dict(zip(data["labels"], data["datasets"][0]["values"]))

		before = channels()
		make_reception(unit, channel="Letter")
		make_reception(unit, channel="Letter", received_on=frappe.utils.add_months(frappe.utils.now_datetime(), -2))  # not this month
		self.assertEqual(channels().get(frappe._("Letter"), 0), before.get(frappe._("Letter"), 0) + 1, "this month's receptions")

	def test_the_staff_see_the_charts(self):
		"""Frappe shows a chart of a custom source to its roles only: an agent sees every chart."""
		from frappe.desk.desktop import Workspace

		from customer_service.setup.workspace import CHARTS, WORKSPACE
		from customer_service.tests.factories import make_user

		from customer_service.setup.workspace import card_labels

		frappe.set_user(make_user(["CS Agent"]).name)
		try:
			workspace = Workspace(frappe._dict(name=WORKSPACE, title=WORKSPACE))
			shown = {chart.chart_name for chart in workspace.get_charts()}
			cards = {card.number_card_name for card in workspace.get_number_cards()}
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(shown, {name for name, *_rest in CHARTS})
		self.assertEqual(cards, set(card_labels()), "the satisfaction rate too")
		self.assertFalse(frappe.db.get_value("Dashboard Chart", "Tasks by Status", "currency"), "counts, not money")
		self.assertFalse(frappe.db.get_value("Number Card", "Satisfaction This Month", "currency"), "a rate, not money")

	def test_satisfaction_this_month_is_a_rate(self):
		from customer_service.api.workbench import satisfaction_this_month

		result = satisfaction_this_month()
		self.assertEqual(result["fieldtype"], "Percent")
		answered = frappe.get_all("Revisit", {"status": "Done", "satisfaction": ("is", "set"), "revisited_on": ("Timespan", "this month")}, pluck="satisfaction")
		satisfied = sum(s in ("Very Satisfied", "Satisfied") for s in answered)
		self.assertEqual(result["value"], round(100 * satisfied / len(answered), 1) if answered else 0)

	def test_an_old_workbench_gets_the_new_figures_and_keeps_its_arrangement(self):
		import json

		from customer_service.patches.workbench_charts_and_reports import execute
		from customer_service.setup.workspace import WORKSPACE

		workspace = frappe.get_doc("Workspace", WORKSPACE)
		# as a site from before has it, with an admin's own block added
		workspace.number_cards = [row for row in workspace.number_cards if row.number_card_name != "Satisfaction This Month"]
		workspace.charts = [row for row in workspace.charts if row.chart_name in ("Tasks by Status", "Receptions by Channel")]
		workspace.links = [row for row in workspace.links if row.link_type != "Report" and row.label != "Customer Service Reports"]
		workspace.quick_lists = []
		content = [block for block in json.loads(workspace.content) if block["id"] not in ("links-reports", "announcements")]
		content.insert(1, {"id": "admin-note", "type": "paragraph", "data": {"text": "本周重点：交付季", "col": 12}})
		workspace.content = json.dumps(content, ensure_ascii=False)
		workspace.save()
		old_chart = frappe.get_doc("Dashboard Chart", "Tasks by Status")
		old_chart.roles = []  # as shipped before: shown to System Managers only
		old_chart.save()
		execute()
		workspace.reload()
		self.assertEqual({row.role for row in frappe.get_doc("Dashboard Chart", "Tasks by Status").roles},
						 {"CS Administrator", "CS Manager", "CS Agent", "CS Engineer"})  # fmt: skip
		self.assertIn("Satisfaction This Month", {row.number_card_name for row in workspace.number_cards})
		self.assertIn("Overdue Tasks by Department", {row.chart_name for row in workspace.charts})
		self.assertIn("Penalty Ledger", {row.link_to for row in workspace.links})
		blocks = json.loads(workspace.content)
		self.assertEqual([b["id"] for b in blocks[:3]], ["header", "announcements", "admin-note"], "the admin's block stays")


class TestAnnouncements(FrappeTestCase):
	def test_a_notice_for_one_company_reaches_its_staff_only(self):
		from frappe.boot import get_unseen_notes

		from customer_service.announcements import hide_other_companies_notes
		from customer_service.tests.factories import allow_organization, make_company, make_user

		company_a, company_b = make_company().name, make_company().name
		agent_a, agent_b = make_user(["CS Agent"]).name, make_user(["CS Agent"]).name
		allow_organization(agent_a, company_a)
		allow_organization(agent_b, company_b)
		for_a = frappe.get_doc(
			{"doctype": "Note", "title": "A公司：周六停水检修", "public": 1, "notify_on_login": 1, "cs_company": company_a,
			 "expire_notification_on": frappe.utils.add_days(frappe.utils.nowdate(), 3)}
		).insert()  # fmt: skip
		for_all = frappe.get_doc(
			{"doctype": "Note", "title": "集团：交付季全员值班", "public": 1, "notify_on_login": 1,
			 "expire_notification_on": frappe.utils.add_days(frappe.utils.nowdate(), 3)}
		).insert()  # fmt: skip
		for user, sees in ((agent_a, {for_a.name, for_all.name}), (agent_b, {for_all.name})):
			frappe.set_user(user)
			try:
				listed = set(frappe.get_list("Note", filters={"name": ("in", [for_a.name, for_all.name])}, pluck="name"))
				self.assertEqual(listed, sees, user)
				self.assertEqual(frappe.has_permission("Note", "read", for_a.name), for_a.name in sees)
				bootinfo = frappe._dict(notes=get_unseen_notes())
				hide_other_companies_notes(bootinfo)
				self.assertEqual({n.name for n in bootinfo.notes} & {for_a.name, for_all.name}, sees, "at login")
			finally:
				frappe.set_user("Administrator")
