"""The REST and RPC paths, through Frappe's real request handler (werkzeug test client,
its own thread and database connection), respect company and contractor isolation."""

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from customer_service.tests.factories import (
	allow_organization,
	make_building,
	make_company,
	make_contractor,
	make_defect,
	make_group,
	make_project,
	make_reception,
	make_round,
	make_task,
	make_unit,
	make_user,
)

PASSWORD = "Rest-Test-2026!"


def make_login_user(roles, user_type="System User"):
	return make_user(roles, password=PASSWORD, user_type=user_type).name


class Session:
	"""A logged-in HTTP client of one user."""

	def __init__(self, user: str):
		self.client = get_test_client()
		response = self.post("/api/method/login", {"usr": user, "pwd": PASSWORD})
		assert response.status_code == 200, response.text

	def get(self, path, params=None):
		return make_request(target=self.client.get, args=(path,), kwargs={"query_string": params or {}})

	def post(self, path, data):
		return make_request(target=self.client.post, args=(path,), kwargs={"json": data})

	def names(self, doctype):
		response = self.get(f"/api/resource/{doctype}", {"limit_page_length": 0})
		assert response.status_code == 200, response.text
		return {row["name"] for row in response.json["data"]}


class TestRESTIsolation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		group = make_group().name
		cls.xiamen, cls.shenzhen = make_company(group).name, make_company(group).name
		cls.own = make_project(company=cls.xiamen)
		cls.foreign = make_project(company=cls.shenzhen)
		cls.own_unit = make_unit(make_building(cls.own.name))
		cls.foreign_unit = make_unit(make_building(cls.foreign.name))
		cls.own_task = make_task(make_reception(cls.own_unit))
		cls.foreign_task = make_task(make_reception(cls.foreign_unit))
		cls.agent = make_login_user(["CS Agent"])
		allow_organization(cls.agent, cls.xiamen)
		cls.builder_user = make_login_user(["Contractor"], user_type="Website User")
		builder = make_contractor([{"project": cls.own.name, "problem_category": "防水渗漏"}], user=cls.builder_user)
		inspection_round = make_round(cls.own.name, [cls.own_unit.building])
		cls.builder_defect = make_defect(inspection_round, cls.own_unit, problem_category="卫生间渗漏")
		cls.other_defect = make_defect(inspection_round, cls.own_unit, problem_category="木门变形开裂")
		assert cls.builder_defect.contractor == builder.name
		frappe.db.commit()  # the request handler reads through its own connection

	def test_agent_lists_and_reads_only_their_company(self):
		agent = Session(self.agent)
		projects = agent.names("Property Project")
		self.assertIn(self.own.name, projects)
		self.assertNotIn(self.foreign.name, projects)
		tasks = agent.names("Service Task")
		self.assertIn(self.own_task.name, tasks)
		self.assertNotIn(self.foreign_task.name, tasks)
		self.assertEqual(agent.get(f"/api/resource/Property Unit/{self.own_unit.name}").status_code, 200)
		self.assertEqual(agent.get(f"/api/resource/Property Unit/{self.foreign_unit.name}").status_code, 403)
		self.assertEqual(agent.get(f"/api/resource/Service Task/{self.foreign_task.name}").status_code, 403)
		rpc = agent.post(
			"/api/method/frappe.client.get_list",
			{"doctype": "Service Task", "filters": {"project": self.foreign.name}, "limit_page_length": 0},
		)
		self.assertEqual(rpc.json["message"], [])

	def test_agent_cannot_decompose_another_companys_reception(self):
		agent = Session(self.agent)
		response = agent.post(
			"/api/method/customer_service.api.service_desk.create_tasks",
			{"reception": self.foreign_task.reception, "tasks": [{"description": "越权"}]},
		)
		self.assertEqual(response.status_code, 403)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Service Task", {"reception": self.foreign_task.reception}), 1)

	def test_typed_apis_over_http(self):
		agent = Session(self.agent)
		reception = make_reception(self.own_unit)
		inspection_round = frappe.db.get_value("Inspection Defect", self.builder_defect.name, "inspection_round")
		frappe.db.commit()
		response = agent.post(
			"/api/method/customer_service.api.service_desk.create_tasks",
			{
				"reception": reception.name,
				"tasks": [
					{"task_type": "Repair", "problem_category": "卫生间渗漏", "description": "渗水"},
					{"task_type": "Consultation", "description": "咨询"},
				],
			},
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(len(response.json["message"]), 2)
		response = agent.post(
			"/api/method/customer_service.api.inspection.record_defects",
			{
				"inspection_round": inspection_round,
				"defects": [
					{"client_id": f"http-{reception.name}", "unit": self.own_unit.name,
					 "problem_category": "墙面裂缝", "description": "裂缝"},
					{"client_id": f"http-bad-{reception.name}", "unit": self.foreign_unit.name,
					 "problem_category": "墙面裂缝", "description": "别的公司"},
				],
			},
		)  # fmt: skip
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual([r["status"] for r in response.json["message"]], ["created", "error"])
		response = agent.get(
			"/api/method/customer_service.api.service_desk.get_task_sla", {"task": self.own_task.name}
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertIn("hours_to_breach", response.json["message"])

	def test_contractor_sees_only_their_defects(self):
		builder = Session(self.builder_user)
		self.assertEqual(builder.names("Inspection Defect"), {self.builder_defect.name})
		self.assertEqual(builder.get(f"/api/resource/Inspection Defect/{self.other_defect.name}").status_code, 403)
		self.assertEqual(builder.get(f"/api/resource/Property Project/{self.own.name}").status_code, 403)
