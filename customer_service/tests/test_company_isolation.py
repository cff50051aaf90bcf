"""Company isolation through User Permissions on Service Organization."""

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.tests.factories import (
	allow_organization,
	make_building,
	make_company,
	make_group,
	make_org,
	make_project,
	make_unit,
	make_user,
)


class TestCompanyIsolation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		group = make_group().name
		cls.xiamen, cls.shenzhen = make_company(group).name, make_company(group).name
		cls.own = make_project(company=cls.xiamen)
		cls.shared = make_project(company=cls.shenzhen, shared_with=[cls.xiamen])
		cls.foreign = make_project(company=cls.shenzhen)
		cls.units = {}
		for project in (cls.own, cls.shared, cls.foreign):
			cls.units[project.name] = make_unit(make_building(project.name))
		cls.agent = make_user(["CS Agent"]).name
		allow_organization(cls.agent, cls.xiamen)
		cls.hq_agent = make_user(["CS Agent"]).name
		allow_organization(cls.hq_agent, group)

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible(self, doctype, user):
		frappe.set_user(user)
		try:
			return set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
		finally:
			frappe.set_user("Administrator")

	def test_agent_sees_own_and_shared_projects_only(self):
		projects = self.visible("Property Project", self.agent)
		self.assertIn(self.own.name, projects)
		self.assertIn(self.shared.name, projects)
		self.assertNotIn(self.foreign.name, projects)

	def test_buildings_and_units_follow_their_project(self):
		units = self.visible("Property Unit", self.agent)
		self.assertIn(self.units[self.own.name].name, units)
		self.assertIn(self.units[self.shared.name].name, units)
		self.assertNotIn(self.units[self.foreign.name].name, units)
		buildings = self.visible("Property Building", self.agent)
		self.assertIn(self.units[self.own.name].building, buildings)
		self.assertNotIn(self.units[self.foreign.name].building, buildings)

	def test_document_access_matches_the_list(self):
		foreign_unit = self.units[self.foreign.name]
		own_unit = self.units[self.own.name]
		for doctype, name, expected in (
			("Property Project", self.own.name, True),
			("Property Project", self.shared.name, True),
			("Property Project", self.foreign.name, False),
			("Property Unit", own_unit.name, True),
			("Property Unit", foreign_unit.name, False),
			("Property Building", foreign_unit.building, False),
		):
			self.assertEqual(frappe.has_permission(doctype, "read", name, user=self.agent), expected, name)
		frappe.set_user(self.agent)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Property Unit", foreign_unit.name).check_permission("read")

	def test_a_group_permission_covers_its_companies(self):
		projects = self.visible("Property Project", self.hq_agent)
		self.assertTrue({self.own.name, self.shared.name, self.foreign.name} <= projects)

	def test_unrestricted_user_sees_everything(self):
		manager = make_user(["CS Manager"]).name
		self.assertTrue({self.own.name, self.shared.name, self.foreign.name} <= self.visible("Property Project", manager))

	def test_manager_cannot_create_a_project_for_another_company(self):
		manager = make_user(["CS Manager"]).name
		allow_organization(manager, self.xiamen)
		frappe.set_user(manager)
		make_project(company=self.xiamen)
		with self.assertRaises(frappe.PermissionError):
			make_project(company=self.shenzhen)

	def test_department_staff_work_for_their_company(self):
		department = make_org("Department", self.shenzhen).name
		engineer = make_user(["CS Engineer"]).name
		allow_organization(engineer, department)
		projects = self.visible("Property Project", engineer)
		self.assertIn(self.foreign.name, projects)
		self.assertNotIn(self.own.name, projects)


class TestServiceDeskIsolation(FrappeTestCase):
	def test_tasks_and_receptions_follow_their_project(self):
		from customer_service.tests.factories import make_reception, make_task

		group = make_group().name
		xiamen, shenzhen = make_company(group).name, make_company(group).name
		own_task = make_task(make_reception(make_unit(make_building(make_project(company=xiamen).name))))
		foreign_task = make_task(make_reception(make_unit(make_building(make_project(company=shenzhen).name))))
		agent = make_user(["CS Agent"]).name
		allow_organization(agent, xiamen)
		frappe.set_user(agent)
		try:
			tasks = set(frappe.get_list("Service Task", pluck="name", limit_page_length=0))
			receptions = set(frappe.get_list("Service Reception", pluck="name", limit_page_length=0))
			self.assertIn(own_task.name, tasks)
			self.assertNotIn(foreign_task.name, tasks)
			self.assertIn(own_task.reception, receptions)
			self.assertNotIn(foreign_task.reception, receptions)
			self.assertFalse(frappe.has_permission("Service Task", "read", foreign_task.name))
			# a walk-in without unit or project stays visible to the agent who wrote it
			walk_in = frappe.get_doc({"doctype": "Service Reception", "channel": "Visit", "content": "咨询"}).insert()
			self.assertIn(walk_in.name, set(frappe.get_list("Service Reception", pluck="name", limit_page_length=0)))
		finally:
			frappe.set_user("Administrator")


class TestIsolationEdges(FrappeTestCase):
	def test_a_shared_company_cannot_take_a_project_over(self):
		group = make_group().name
		owner, partner = make_company(group).name, make_company(group).name
		project = make_project(company=owner, shared_with=[partner])
		manager = make_user(["CS Manager"]).name
		allow_organization(manager, partner)
		frappe.set_user(manager)
		try:
			doc = frappe.get_doc("Property Project", project.name)  # a partner reads it
			doc.company = partner
			with self.assertRaises(frappe.PermissionError):
				doc.save()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Property Project", project.name, "company"), owner)

	def test_an_agent_cannot_attach_another_companys_unit_to_a_homeowner(self):
		from customer_service.tests.factories import make_homeowner

		group = make_group().name
		mine, theirs = make_company(group).name, make_company(group).name
		my_unit = make_unit(make_building(make_project(company=mine).name))
		their_unit = make_unit(make_building(make_project(company=theirs).name))
		agent = make_user(["CS Agent"]).name
		allow_organization(agent, mine)
		frappe.set_user(agent)
		try:
			owner = make_homeowner(units=[my_unit.name])
			owner.append("units", {"unit": their_unit.name})
			with self.assertRaises(frappe.PermissionError):
				owner.save()
		finally:
			frappe.set_user("Administrator")
		self.assertIsNone(frappe.db.get_value("Property Unit", their_unit.name, "primary_homeowner"))
