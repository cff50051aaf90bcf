"""The permission matrix, over HTTP against a served site (gunicorn, two workers).

The world: companies A and B of one group, partner company P that A's project SA is shared
with; agents, managers and an engineer of A, an agent and a manager of B, the partner's agent,
contractors C (dispatched A's defect) and D, homeowners A (of A's unit) and B (of B's unit) with
portal logins, and a guest. For every app DocType there is a
record of A (and of B); `RECORDS` says who may read each and who may write it. Every read path
(`READ_PATHS`) and every write path (`WRITE_PATHS`) is tried by every actor on every record:
allowed where the table says so, refused elsewhere — and a refused write leaves the stored
record exactly as it was (asserted on the database). Whitelisted controller methods, the app's
API, reports, assignment, sharing and private file downloads have tables of their own below.
New DocTypes and paths join by adding rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from customer_service.inspection import mark_units_inspected
from customer_service.permissions import clear_scope_cache
from customer_service.tests.factories import (
	allow_organization,
	make_building,
	make_company,
	make_contractor,
	make_defect,
	make_group,
	make_org,
	make_photo,
	make_portal_homeowner,
	make_project,
	make_reception,
	make_round,
	make_task,
	make_unit,
	make_user,
	unique,
)
from customer_service.tests.http_client import PASSWORD, Client

ACTORS = (
	"agent_a", "manager_a", "engineer_a", "agent_b", "manager_b", "partner", "contractor_c", "contractor_d",
	"homeowner_a", "homeowner_b", "guest",
)  # fmt: skip
A_STAFF = {"agent_a", "manager_a", "engineer_a"}
STAFF = A_STAFF | {"agent_b", "manager_b", "partner"}
# homeowners and contractors read and write through the portal only (test_24, test_25, test_portal):
# every path of the matrix refuses them, their own records included
PORTAL_ACTORS = {"contractor_c", "contractor_d", "homeowner_a", "homeowner_b"}


@dataclass
class Record:
	doctype: str
	readers: set[str]
	writers: set[str] = field(default_factory=set)
	fieldname: str | None = None  # a field a writer may change (None: no own write is tried)
	name: str = ""
	finders: set[str] | None = None  # who finds it in link search, where that differs from readers
	value: str = "matrix-write"  # what a write puts into `fieldname`


def records_of_a() -> dict[str, Record]:
	"""Who may read and write each record of company A (and of the project A shares with P)."""
	shared = A_STAFF | {"partner"}
	return {
		"project_a": Record("Property Project", A_STAFF, {"manager_a"}, "address"),
		"project_sa": Record("Property Project", shared, {"manager_a"}, "address"),
		"building_a": Record("Property Building", A_STAFF, {"manager_a"}, "phase"),
		"unit_a": Record("Property Unit", A_STAFF, {"manager_a"}, "layout"),
		"unit_sa": Record("Property Unit", shared, {"manager_a"}, "layout"),  # partners accept, never own
		"homeowner_a": Record("Homeowner", A_STAFF, {"agent_a", "manager_a"}, "address"),
		"reception_a": Record("Service Reception", A_STAFF, {"agent_a", "manager_a"}, "content"),
		"reception_sa": Record("Service Reception", shared, {"agent_a", "manager_a", "partner"}, "content"),
		# To Assign: only agents and managers edit in it (the engineer only moves it on)
		"task_a": Record("Service Task", A_STAFF, {"agent_a", "manager_a"}, "solution"),
		"task_sa": Record("Service Task", shared, {"agent_a", "manager_a", "partner"}, "solution"),
		"defect_task_a": Record("Service Task", A_STAFF, A_STAFF, "solution"),
		"topic_a": Record("Complaint Topic", A_STAFF, {"agent_a", "manager_a"}, "description"),
		"compensation_a": Record("Compensation", {"agent_a", "manager_a"}, {"agent_a", "manager_a"}, "reason"),
		"revisit_a": Record("Revisit", A_STAFF, {"agent_a", "manager_a"}, "comment"),
		"escalation_a": Record("Service Escalation", {"agent_a", "manager_a"}),
		"penalty_a": Record("Service Penalty", {"manager_a"}),
		"round_a": Record("Inspection Round", A_STAFF, A_STAFF, "round_name"),
		"defect_a": Record("Inspection Defect", A_STAFF, A_STAFF, "location"),
		"inspected_a": Record("Inspected Unit", A_STAFF, A_STAFF),
		"handover_a": Record("Unit Handover", A_STAFF, A_STAFF, "override_reason"),
		# Frappe's User Permissions: a department's engineer opens the department, not the company
		# record, though link search (which lists ancestors of allowed organizations) names it
		"company_a": Record(
			"Service Organization", {"agent_a", "manager_a"}, {"manager_a"}, "phone", finders=A_STAFF, value="0592-5550001"
		),
		# a contractor of A's projects only: B reads it, only A changes it (its login and contacts route A's defects)
		"contractor_c": Record("Contractor", STAFF, {"manager_a"}, "contact_person"),
		"category": Record("Problem Category", STAFF, set(), "description"),  # the group's library
		# a translated DocType: link search matches its names in the user's language (zh), not "After Signing"
		"revisit_type": Record("Revisit Type", STAFF, set(), "description", finders=set()),
	}


def records_of_b() -> dict[str, Record]:
	b_staff = {"agent_b", "manager_b"}
	return {
		"project_b": Record("Property Project", b_staff, {"manager_b"}, "address"),
		"unit_b": Record("Property Unit", b_staff, {"manager_b"}, "layout"),
		"homeowner_b": Record("Homeowner", b_staff, b_staff, "address"),
		"task_b": Record("Service Task", b_staff, b_staff, "solution"),
		"defect_b": Record("Inspection Defect", b_staff, b_staff, "location"),
	}


# -- the paths -------------------------------------------------------------------


def found(response, name) -> bool:
	return response.status_code == 200 and name in json.dumps(response.json(), ensure_ascii=False)


def name_filter(rec: Record) -> str:
	return json.dumps([[rec.doctype, "name", "=", rec.name]])


READ_PATHS = {
	"GET /api/resource": lambda c, r: found(c.get(f"/api/resource/{r.doctype}/{r.name}"), r.name),
	"GET /api/resource list": lambda c, r: found(
		c.get(f"/api/resource/{r.doctype}", {"filters": name_filter(r), "limit_page_length": 0}), r.name
	),
	"frappe.client.get": lambda c, r: found(c.call("frappe.client.get", doctype=r.doctype, name=r.name), r.name),
	"frappe.client.get_list": lambda c, r: found(
		c.call("frappe.client.get_list", doctype=r.doctype, filters=name_filter(r)), r.name
	),
	"frappe.client.get_value": lambda c, r: found(
		c.call("frappe.client.get_value", doctype=r.doctype, fieldname="name", filters=r.name), r.name
	),
	"frappe.client.get_count": lambda c, r: c.message(
		c.call("frappe.client.get_count", doctype=r.doctype, filters=name_filter(r))
	)
	== 1,
	"frappe.desk.form.load.getdoc": lambda c, r: found(
		c.get("/api/method/frappe.desk.form.load.getdoc", {"doctype": r.doctype, "name": r.name}), r.name
	),
	"frappe.desk.reportview.get": lambda c, r: found(
		c.call("frappe.desk.reportview.get", doctype=r.doctype, fields=json.dumps(["name"]), filters=name_filter(r)),
		r.name,
	),
	"frappe.desk.reportview.get_count": lambda c, r: c.message(
		c.call("frappe.desk.reportview.get_count", doctype=r.doctype, filters=name_filter(r))
	)
	== 1,
	"frappe.desk.reportview.export_query": lambda c, r: (
		(response := c.call(
			"frappe.desk.reportview.export_query", doctype=r.doctype, file_format_type="CSV",
			fields=json.dumps([f"`tab{r.doctype}`.`name`"]), filters=name_filter(r),
		)).status_code == 200 and r.name in response.text
	),  # fmt: skip
	"frappe.desk.search.search_link": lambda c, r: found(
		c.call("frappe.desk.search.search_link", doctype=r.doctype, txt=r.name, page_length=50), r.name
	),
	"print view": lambda c, r: (
		(response := c.get("/printview", {"doctype": r.doctype, "name": r.name})).status_code == 200
		and r.name in response.text
	),
}


def call_api(client: Client, method: str, args: dict):
	"""A whitelisted method the way its page calls it: GET for what only reads (a photo), else POST."""
	if method.endswith(".photo"):
		return client.get(f"/api/method/{method}", args)
	return client.call(method, **args)


def stored_doc(rec: Record) -> dict:
	return frappe.get_doc(rec.doctype, rec.name).as_dict(convert_dates_to_str=True)


WRITE_MARK = "matrix-write"

WRITE_PATHS = {
	"PUT /api/resource": lambda c, r, f: c.request(
		"PUT", f"/api/resource/{r.doctype}/{r.name}", json={f: r.value, "owner": "Administrator"}
	),
	"frappe.client.set_value": lambda c, r, f: c.call(
		"frappe.client.set_value", doctype=r.doctype, name=r.name, fieldname=f, value=r.value
	),
	"frappe.client.save": lambda c, r, f: c.call("frappe.client.save", doc={**stored_doc(r), f: r.value}),
	"DELETE /api/resource": lambda c, r, f: c.request("DELETE", f"/api/resource/{r.doctype}/{r.name}"),
	"frappe.client.delete": lambda c, r, f: c.call("frappe.client.delete", doctype=r.doctype, name=r.name),
	"frappe.client.rename_doc": lambda c, r, f: c.call(
		"frappe.client.rename_doc", doctype=r.doctype, old_name=r.name, new_name=f"{r.name}-moved"
	),
	"frappe.client.submit": lambda c, r, f: c.call("frappe.client.submit", doc=stored_doc(r)),
	"frappe.client.cancel": lambda c, r, f: c.call("frappe.client.cancel", doctype=r.doctype, name=r.name),
}
# paths Frappe opens to whoever may read a record (assigning it, sharing it on): refused to everyone else
READER_PATHS = {
	"frappe.share.add": lambda c, r, f: c.call(
		"frappe.share.add", doctype=r.doctype, name=r.name, user=c.user, read=1, write=1
	),
	"frappe.desk.form.assign_to.add": lambda c, r, f: c.call(
		"frappe.desk.form.assign_to.add", doctype=r.doctype, name=r.name, assign_to=[c.user]
	),
	"frappe.desk.like.toggle_like": lambda c, r, f: c.call("frappe.desk.like.toggle_like", doctype=r.doctype, name=r.name, add="Yes"),
	"frappe.desk.form.document_follow.follow_document": lambda c, r, f: c.call(
		"frappe.desk.form.document_follow.follow_document", doctype=r.doctype, doc_name=r.name, user=c.user
	),
	"frappe.desk.form.utils.add_comment": lambda c, r, f: c.call(
		"frappe.desk.form.utils.add_comment", reference_doctype=r.doctype, reference_name=r.name, content=WRITE_MARK,
		comment_email=c.user, comment_by=c.user,
	),  # fmt: skip
}
# tags change what others see of a record in the list: writers only
WRITE_PATHS.update(
	{
		"frappe.desk.doctype.tag.tag.add_tag": lambda c, r, f: c.call(
			"frappe.desk.doctype.tag.tag.add_tag", tag=WRITE_MARK, dt=r.doctype, dn=r.name
		),
		"frappe.desk.doctype.tag.tag.add_tags": lambda c, r, f: c.call(
			"frappe.desk.doctype.tag.tag.add_tags", tags=json.dumps([WRITE_MARK]), dt=r.doctype, docs=json.dumps([r.name])
		),
	}
)


def snapshot(rec: Record) -> dict | None:
	"""The stored record and what hangs off it (shares, assignments), for before/after comparison."""
	if not frappe.db.exists(rec.doctype, rec.name):
		return None
	doc = frappe.get_doc(rec.doctype, rec.name).as_dict(convert_dates_to_str=True)
	doc.pop("__onload", None)
	shares = frappe.get_all("DocShare", {"share_doctype": rec.doctype, "share_name": rec.name}, pluck="user")
	todos = frappe.get_all(
		"ToDo", {"reference_type": rec.doctype, "reference_name": rec.name, "status": "Open"}, pluck="allocated_to"
	)
	follows = frappe.get_all("Document Follow", {"ref_doctype": rec.doctype, "ref_docname": rec.name}, pluck="user")
	comments = frappe.db.count("Comment", {"reference_doctype": rec.doctype, "reference_name": rec.name})
	return {"doc": doc, "shares": sorted(shares), "todos": sorted(todos), "follows": sorted(follows), "comments": comments,
			"likes": doc.get("_liked_by"), "tags": doc.get("_user_tags")}  # fmt: skip


# -- the world ------------------------------------------------------------------


class World:
	"""Builds the companies, people and records once (committed: the server reads them)."""

	def __init__(self):
		self.users: dict[str, str] = {}
		group = make_group().name
		self.company_a, self.company_b, self.company_p = (make_company(group).name for _ in range(3))
		department_a = make_org("Department", self.company_a).name
		for actor, roles, organization, portal in (
			("agent_a", ["CS Agent"], self.company_a, False),
			("manager_a", ["CS Manager"], self.company_a, False),
			("engineer_a", ["CS Engineer"], department_a, False),
			("agent_b", ["CS Agent"], self.company_b, False),
			("manager_b", ["CS Manager"], self.company_b, False),
			("partner", ["CS Agent"], self.company_p, False),
			("contractor_c", ["Contractor"], None, True),
			("contractor_d", ["Contractor"], None, True),
		):
			user = make_user(roles, password=PASSWORD, user_type="Website User" if portal else "System User").name
			if organization:
				allow_organization(user, organization)
			self.users[actor] = user
		frappe.db.set_value("Service Organization", department_a, "manager", self.users["engineer_a"])

		project_a = make_project(company=self.company_a)
		project_sa = make_project(company=self.company_a, shared_with=[self.company_p])
		project_b = make_project(company=self.company_b)
		building_a = make_building(project_a.name)
		unit_a = make_unit(building_a)
		unit_sa = make_unit(make_building(project_sa.name))
		building_b = make_building(project_b.name)
		unit_b = make_unit(building_b)
		homeowner_a = make_portal_homeowner([unit_a.name], PASSWORD)
		homeowner_b = make_portal_homeowner([unit_b.name], PASSWORD)
		self.users.update(homeowner_a=homeowner_a.user, homeowner_b=homeowner_b.user)
		contractor_c = make_contractor([{"project": project_a.name}], user=self.users["contractor_c"])
		contractor_d = make_contractor([{"project": project_b.name}], user=self.users["contractor_d"])

		reception_a = make_reception(unit_a, homeowner=homeowner_a.name)
		task_a = make_task(reception_a, task_type="Consultation", problem_category=None)
		reception_sa = make_reception(unit_sa)
		task_sa = make_task(reception_sa, task_type="Consultation", problem_category=None)
		task_b = make_task(make_reception(unit_b, homeowner=homeowner_b.name), task_type="Consultation", problem_category=None)
		topic_a = frappe.get_doc(
			{"doctype": "Complaint Topic", "topic_name": unique("专题"), "project": project_a.name}
		).insert()
		compensation_a = frappe.get_doc(
			{"doctype": "Compensation", "task": task_a.name, "compensation_type": "Gift", "amount": 100, "reason": "致歉"}
		).insert()
		revisit_a = frappe.get_doc(
			{"doctype": "Revisit", "revisit_type": "After Signing", "unit": unit_a.name, "homeowner": homeowner_a.name,
			 "due_date": nowdate()}
		).insert()
		escalation_a = frappe.get_doc(
			{"doctype": "Service Escalation", "task": task_a.name, "from_level": 0, "to_level": 1, "reason": "Overdue"}
		).insert(ignore_permissions=True)
		penalty_a = frappe.get_doc(
			{"doctype": "Service Penalty", "task": task_a.name, "party_type": "Service Organization",
			 "party": self.company_a, "amount": 200, "reason": "Overdue"}
		).insert()  # fmt: skip
		round_a = make_round(project_a.name, [building_a.name], round_type="Handover", slots=[("09:00:00", 5)])
		round_b = make_round(project_b.name, [building_b.name])
		defect_a = make_defect(round_a, unit_a, contractor=contractor_c.name)
		defect_a.dispatch()
		defect_a.reload()
		photo = make_photo(defect_a, "inspection")  # the inspection's photo, shown to homeowner A in the portal
		frappe.db.set_value("Inspection Defect", defect_a.name, "photo", photo)
		self.defect_photo = frappe.db.get_value("File", {"file_url": photo}, "name")
		defect_b = make_defect(round_b, unit_b, contractor=contractor_d.name)
		mark_units_inspected(round_a.name, [unit_a.name])
		inspected_a = frappe.get_doc("Inspected Unit", {"inspection_round": round_a.name, "unit": unit_a.name})
		handover_a = frappe.get_doc(
			{"doctype": "Unit Handover", "unit": unit_a.name, "homeowner": homeowner_a.name,
			 "inspection_round": round_a.name, "handover_date": nowdate()}
		).insert()  # fmt: skip

		names = {
			"project_a": project_a.name, "project_sa": project_sa.name, "building_a": building_a.name,
			"unit_a": unit_a.name, "unit_sa": unit_sa.name, "homeowner_a": homeowner_a.name,
			"reception_a": reception_a.name, "reception_sa": reception_sa.name, "task_a": task_a.name,
			"task_sa": task_sa.name, "defect_task_a": defect_a.service_task, "topic_a": topic_a.name,
			"compensation_a": compensation_a.name, "revisit_a": revisit_a.name, "escalation_a": escalation_a.name,
			"penalty_a": penalty_a.name, "round_a": round_a.name, "defect_a": defect_a.name,
			"inspected_a": inspected_a.name, "handover_a": handover_a.name, "company_a": self.company_a,
			"contractor_c": contractor_c.name, "category": "卫生间渗漏", "revisit_type": "After Signing",
			"project_b": project_b.name, "unit_b": unit_b.name, "homeowner_b": homeowner_b.name,
			"task_b": task_b.name, "defect_b": defect_b.name,
		}  # fmt: skip
		self.records = {**records_of_a(), **records_of_b()}
		for key, rec in self.records.items():
			rec.name = names[key]
		self.round_a, self.unit_a = round_a.name, unit_a.name
		# single DocTypes have no lists: only their controller methods are in the matrix
		self.singles = {
			"settings": Record("Customer Service Settings", STAFF, set(), name="Customer Service Settings"),
		}
		frappe.db.commit()

	def client(self, actor: str) -> Client:
		return Client(None if actor == "guest" else self.users[actor])


class TestPermissionMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = World()
		cls.clients = {actor: cls.world.client(actor) for actor in ACTORS}

	def record(self, key: str) -> Record:
		return self.world.records.get(key) or self.world.singles[key]

	def test_every_app_doctype_has_a_row(self):
		from customer_service.permissions import RULES

		covered = {rec.doctype for rec in (*self.world.records.values(), *self.world.singles.values())}
		self.assertEqual(set(RULES) - covered, set(), "add a record of each DocType to the matrix")

	def test_01_reads(self):
		"""Readers read through every path; nobody else learns the record exists."""
		wrong = []
		for key, rec in self.world.records.items():
			for actor in ACTORS:
				for path, read in READ_PATHS.items():
					search = path == "frappe.desk.search.search_link"
					readers = rec.finders if rec.finders is not None and search else rec.readers
					expected = actor in readers
					if read(self.clients[actor], rec) != expected:
						wrong.append(f"{actor} {path} {key}: {'refused' if expected else 'allowed'}")
		self.assertEqual(wrong, [])

	def test_02_refused_writes_change_nothing(self):
		"""Every write path of everyone who may not write is refused (assigning, sharing, liking and
		following: of everyone who may not read), and the stored record, its shares, assignments,
		likes, tags, followers and comments stay as they were."""
		wrong = []
		for key, rec in self.world.records.items():
			for actor in ACTORS:
				paths = {
					**({} if actor in rec.writers else WRITE_PATHS),
					**({} if actor in rec.readers else READER_PATHS),
				}
				for path, write in paths.items():
					before = snapshot(rec)
					response = write(self.clients[actor], rec, rec.fieldname or "name")
					frappe.db.rollback()  # read what the server committed
					after = snapshot(rec)
					if response.status_code == 200:
						wrong.append(f"{actor} {path} {key}: answered 200")
					if after != before:
						wrong.append(f"{actor} {path} {key}: the stored record changed")
		self.assertEqual(wrong, [])

	def test_03_writers_write(self):
		"""Writers change the record over REST; what they may not touch (owner) stays."""
		wrong = []
		for key, rec in self.world.records.items():
			if not rec.fieldname:
				continue
			original = frappe.db.get_value(rec.doctype, rec.name, rec.fieldname)
			for actor in sorted(rec.writers):
				owner = frappe.db.get_value(rec.doctype, rec.name, "owner")
				response = WRITE_PATHS["PUT /api/resource"](self.clients[actor], rec, rec.fieldname)
				frappe.db.rollback()
				if response.status_code != 200:
					wrong.append(f"{actor} PUT {key}: {response.status_code} {response.text[:200]}")
				elif frappe.db.get_value(rec.doctype, rec.name, rec.fieldname) != rec.value:
					wrong.append(f"{actor} PUT {key}: not stored")
				if frappe.db.get_value(rec.doctype, rec.name, "owner") != owner:
					wrong.append(f"{actor} PUT {key}: the client rewrote the owner")
				frappe.db.set_value(rec.doctype, rec.name, rec.fieldname, original, update_modified=False)
				frappe.db.commit()
		self.assertEqual(wrong, [])

	# -- whitelisted controller methods ----------------------------------------------

	DOC_METHODS = (
		# (record, method, args): each actor outside the record's writers is refused
		("topic_a", "apply_solution", {}),
		("homeowner_a", "create_portal_user", {}),
		("defect_a", "dispatch", {}),
		("defect_a", "mark_rectified", {}),
		("defect_a", "verify", {}),
		("defect_a", "reject", {"reason": "越权"}),
		("round_a", "refresh_summary", {}),
		("building_a", "generate_units", {}),
		("reception_a", "confirm", {}),
		("settings", "fill_public_holidays", {"year": 2026}),
	)

	def test_04_every_whitelisted_controller_method_is_in_the_matrix(self):
		import inspect

		from frappe.model.base_document import get_controller

		from customer_service.permissions import RULES

		listed = {(self.record(key).doctype, method) for key, method, _args in self.DOC_METHODS}
		whitelisted = {
			(doctype, name)
			for doctype in RULES
			for name, member in inspect.getmembers(get_controller(doctype), inspect.isfunction)
			if getattr(member, "__func__", member) in frappe.whitelisted
			and member.__module__.startswith("customer_service")
		}
		self.assertEqual(whitelisted - listed, set())

	def test_05_controller_methods_refuse_outsiders(self):
		wrong = []
		for key, method, args in self.DOC_METHODS:
			rec = self.record(key)
			for actor in ACTORS:
				if actor in rec.writers:
					continue
				before = snapshot(rec)
				for call in (
					lambda: self.clients[actor].call("run_doc_method", dt=rec.doctype, dn=rec.name, method=method, args=args),
					# the document in the request is the client's: its changes must not ride along
					lambda: self.clients[actor].call(
						"run_doc_method", docs={**stored_doc(rec), "description": WRITE_MARK}, method=method, args=args
					),
				):
					response = call()
					frappe.db.rollback()
					if response.status_code == 200:
						wrong.append(f"{actor} {key}.{method}: answered 200")
				if snapshot(rec) != before:
					wrong.append(f"{actor} {key}.{method}: the stored record changed")
		self.assertEqual(wrong, [])

	# -- the app's API ---------------------------------------------------------------

	def api_calls(self) -> dict:
		"""Each method of customer_service.api called on company A's records."""
		r = self.world.records
		return {
			"customer_service.api.service_desk.create_tasks": {
				"reception": r["reception_a"].name, "tasks": [{"task_type": "Consultation", "description": "越权"}],
			},
			"customer_service.api.service_desk.get_task_sla": {"task": r["task_a"].name},
			"customer_service.api.inspection.record_defects": {
				"inspection_round": self.world.round_a,
				"defects": [{"unit": self.world.unit_a, "problem_category": "墙面裂缝", "description": "越权"}],
			},
			"customer_service.api.inspection.get_round_units": {"inspection_round": self.world.round_a},
			"customer_service.api.inspection.mark_units_inspected": {
				"inspection_round": self.world.round_a, "units": [self.world.unit_a],
			},
			"customer_service.api.handover.get_available_slots": {"inspection_round": self.world.round_a, "day": nowdate()},
			"customer_service.api.homeowner.add_unit_to_existing_homeowner": {
				"id_type": "Mainland ID Card", "id_number": frappe.db.get_value("Homeowner", r["homeowner_a"].name, "id_number"),
				"unit": self.world.unit_a,
			},
			**{method: args for method, (args, _caller) in self.portal_calls().items()},
			**self.guest_calls(),
			**self.own_scope_calls(),
		}  # fmt: skip

	def own_scope_calls(self) -> dict:
		"""Methods about no record, answering each user over what they may see (workbench figures)."""
		return {"customer_service.api.workbench.satisfaction_this_month": {}}

	def portal_calls(self) -> dict:
		"""The portal's API on A's records, and whose they are: (arguments, the portal user(s) who may)."""
		r, portal = self.world.records, "customer_service.api.portal"
		return {
			f"{portal}.report_problem": ({"unit": self.world.unit_a, "description": "越权报修"}, "homeowner_a"),
			f"{portal}.my_requests": ({}, "homeowner_a"),
			f"{portal}.rate_task": ({"task": r["task_a"].name, "satisfaction": "Very Dissatisfied"}, "homeowner_a"),
			f"{portal}.free_slots": ({"unit": self.world.unit_a, "day": nowdate()}, "homeowner_a"),
			f"{portal}.book_handover": ({"unit": self.world.unit_a, "appointment": f"{nowdate()} 09:00:00"}, "homeowner_a"),
			f"{portal}.cancel_handover": ({"handover": r["handover_a"].name}, "homeowner_a"),
			f"{portal}.set_language": ({"language": "zh"}, "homeowner_a"),
			f"{portal}.my_work": ({}, "contractor_c"),
			f"{portal}.photo": (
				# the inspection's photo: the homeowner's to see and the contractor's who rectifies it
				{"doctype": "Inspection Defect", "name": r["defect_a"].name, "file": self.world.defect_photo},
				("homeowner_a", "contractor_c"),
			),
			f"{portal}.mark_rectified": (
				{"doctype": "Inspection Defect", "name": r["defect_a"].name, "note": "越权", "photos": []}, "contractor_c"
			),
		}

	def guest_calls(self) -> dict:
		"""The portal login's guest endpoints (anyone may call them; they log nobody in on a wrong code)."""
		login = frappe.db.get_value("Homeowner", self.world.records["homeowner_a"].name, "mobile_no")
		return {
			"customer_service.api.portal_login.send_login_code": {"login": login},
			"customer_service.api.portal_login.login_with_code": {"login": login, "code": "000000"},
		}

	def test_06_every_api_method_is_in_the_matrix(self):
		import importlib
		import inspect
		import pkgutil

		import customer_service.api

		methods = set()
		for module in pkgutil.iter_modules(customer_service.api.__path__):
			mod = importlib.import_module(f"customer_service.api.{module.name}")
			methods |= {
				f"{mod.__name__}.{name}"
				for name, fn in inspect.getmembers(mod, inspect.isfunction)
				if fn in frappe.whitelisted and fn.__module__ == mod.__name__
			}
		self.assertEqual(methods - set(self.api_calls()), set())

	def test_07_api_refuses_outsiders_and_serves_the_own_company(self):
		wrong = []
		counted = ("Service Reception", "Service Task", "Revisit", "Inspection Defect", "Inspected Unit", "Unit Handover")
		counts = lambda: [frappe.db.count(doctype) for doctype in counted]  # noqa: E731
		portal_calls, guest_calls, own_scope = self.portal_calls(), self.guest_calls(), self.own_scope_calls()
		for method, args in self.api_calls().items():
			if method in portal_calls or method in guest_calls or method in own_scope:
				continue
			for actor in ("agent_b", "manager_b", "partner", "contractor_c", "contractor_d", "guest"):
				before = counts()
				response = self.clients[actor].call(method, **args)
				frappe.db.rollback()
				if response.status_code == 200 and method.endswith("record_defects"):
					# the bulk API answers per row: the row must be an error
					if any(row.get("status") != "error" for row in Client.message(response) or []):
						wrong.append(f"{actor} {method}: a row was accepted")
				elif response.status_code == 200:
					wrong.append(f"{actor} {method}: answered 200")
				if counts() != before:
					wrong.append(f"{actor} {method}: wrote something")
			response = self.clients["agent_a"].call(method, **args)
			frappe.db.rollback()
			if response.status_code != 200:
				wrong.append(f"agent_a {method}: {response.status_code} {response.text[:200]}")
		self.assertEqual(wrong, [])

	def test_07b_the_portal_api_serves_only_the_one_it_is_about(self):
		"""Every other actor — staff of every company included — is refused and writes nothing; the
		homeowner or contractor the records are about passes the permission check."""
		wrong = []
		counted = ("Service Reception", "Service Task", "Revisit", "Inspection Defect", "Unit Handover", "File")
		watched = ("task_a", "defect_a", "handover_a")
		a_names = [self.record(k).name for k in ("reception_a", "task_a", "defect_a", "defect_task_a")]
		snapshot_ = lambda: ([frappe.db.count(d) for d in counted], [snapshot(self.record(k)) for k in watched])  # noqa: E731
		for method, (args, caller) in self.portal_calls().items():
			for actor in ACTORS:
				before = snapshot_()
				response = call_api(self.clients[actor], method, args)
				frappe.db.rollback()
				if actor in ((caller,) if isinstance(caller, str) else caller):
					if response.status_code in (401, 403):
						wrong.append(f"{actor} {method}: refused their own ({response.text[:200]})")
					continue
				# about the caller alone (their own lists, their language): answered, with nothing of A's
				own = method.rsplit(".", 1)[-1] in ("my_requests", "my_work", "set_language") and actor in PORTAL_ACTORS
				if response.status_code == 200 and not (own and not any(n in response.text for n in a_names)):
					wrong.append(f"{actor} {method}: answered 200")
				if snapshot_() != before:
					wrong.append(f"{actor} {method}: wrote something")
		self.assertEqual(wrong, [])

	def test_07d_workbench_figures_are_each_users_own(self):
		"""Each staff user gets the figure over their own records; portal users and guests nothing."""
		from customer_service.workbench import satisfaction_this_month

		wrong = []
		for method, args in self.own_scope_calls().items():
			for actor in ACTORS:
				response = self.clients[actor].call(method, **args)
				if actor in STAFF:
					frappe.set_user(self.world.users[actor])
					try:
						expected = satisfaction_this_month()
					finally:
						frappe.set_user("Administrator")
					if response.status_code != 200 or Client.message(response) != expected:
						wrong.append(f"{actor} {method}: {response.status_code} {response.text[:120]} != {expected}")
				elif response.status_code == 200:
					wrong.append(f"{actor} {method}: answered 200")
		self.assertEqual(wrong, [])

	def test_07c_the_login_endpoints_log_nobody_in_on_a_guess(self):
		wrong = []
		for method, args in self.guest_calls().items():
			for actor in ACTORS:
				frappe.cache.delete_keys("rl:")
				client = Client(None) if actor == "guest" else self.world.client(actor)
				response = client.call(method, **args)
				frappe.db.rollback()
				expected = 200 if method.endswith("send_login_code") else 401
				if response.status_code != expected:
					wrong.append(f"{actor} {method}: {response.status_code} {response.text[:200]}")
				who = Client.message(client.call("frappe.auth.get_logged_user")) or "Guest"
				if who != (self.world.users.get(actor) or "Guest"):
					wrong.append(f"{actor} {method}: is now {who}")
		self.assertEqual(wrong, [])

	# -- reports --------------------------------------------------------------------

	def test_08_reports_show_only_what_the_user_may_see(self):
		reports = frappe.get_all("Report", filters={"module": "Customer Service"}, pluck="name")
		self.assertTrue(reports)
		a_names = {self.world.records[k].name for k in ("task_a", "unit_a", "defect_a", "contractor_c", "project_a")}
		wrong = []
		for report in reports:
			filters = {"unit": self.world.unit_a} if report == "Warranty Status" else {}
			for actor in ("agent_b", "manager_b", "partner", "contractor_d", "guest"):
				response = self.clients[actor].call("frappe.desk.query_report.run", report_name=report, filters=filters)
				leaked = {n for n in a_names if n in response.text} if response.status_code == 200 else set()
				if leaked:
					wrong.append(f"{actor} {report}: shows {sorted(leaked)}")
			response = self.clients["manager_a"].call("frappe.desk.query_report.run", report_name=report, filters=filters)
			if response.status_code != 200:
				wrong.append(f"manager_a {report}: {response.status_code} {response.text[:200]}")
		self.assertEqual(wrong, [])

	# -- links point only where the user may go -------------------------------------

	def link_inserts(self) -> dict:
		"""New records of company B's agent that point at company A's records."""
		r = self.world.records
		return {
			"Revisit on A's task": {
				"doctype": "Revisit", "revisit_type": "Task Callback", "task": r["task_a"].name, "satisfaction": "Very Dissatisfied",
			},
			"Compensation on A's task": {
				"doctype": "Compensation", "task": r["task_a"].name, "compensation_type": "Cash", "amount": 99, "reason": "x",
			},
			"Service Task on A's reception": {
				"doctype": "Service Task", "reception": r["reception_a"].name, "task_type": "Consultation", "description": "x",
			},
			"Inspection Defect in A's round": {
				"doctype": "Inspection Defect", "inspection_round": self.world.round_a, "unit": self.world.unit_a,
				"problem_category": "墙面裂缝", "description": "x",
			},
			"Unit Handover of A's unit": {
				"doctype": "Unit Handover", "unit": self.world.unit_a, "homeowner": r["homeowner_a"].name,
				"inspection_round": self.world.round_a, "handover_date": nowdate(),
			},
			"Homeowner with A's unit": {
				"doctype": "Homeowner", "homeowner_name": "越权", "mobile_no": "13900000000", "units": [{"unit": self.world.unit_a}],
			},
			"Service Reception on A's unit": {
				"doctype": "Service Reception", "channel": "Phone", "unit": self.world.unit_a, "content": "x",
			},
			"Complaint Topic in A's project": {
				"doctype": "Complaint Topic", "topic_name": "越权", "project": r["project_a"].name,
			},
			"Property Building in A's project": {
				"doctype": "Property Building", "project": r["project_a"].name, "building_name": "越权",
			},
		}  # fmt: skip

	def test_09_records_cannot_point_at_another_companys(self):
		wrong = []
		for label, values in self.link_inserts().items():
			doctype = values["doctype"]
			for actor in ("agent_b", "manager_b", "partner"):
				for call in (
					lambda: self.clients[actor].request("POST", f"/api/resource/{doctype}", json=values),
					lambda: self.clients[actor].call("frappe.client.insert", doc=values),
				):
					before = frappe.db.count(doctype)
					response = call()
					frappe.db.rollback()
					if response.status_code == 200 or frappe.db.count(doctype) != before:
						wrong.append(f"{actor} {label}: created")
		self.assertEqual(wrong, [])

	# -- assignments and shares never open a record to another company --------------

	def test_10_no_assignment_or_share_across_companies(self):
		task = self.world.records["task_a"]
		agent_a = self.clients["agent_a"]
		for call in (
			lambda user: agent_a.call("frappe.desk.form.assign_to.add", doctype=task.doctype, name=task.name, assign_to=[user]),
			lambda user: agent_a.call("frappe.share.add", doctype=task.doctype, name=task.name, user=user, read=1),
			lambda user: agent_a.request("PUT", f"/api/resource/Service Task/{task.name}", json={"responsible_user": user}),
		):
			for outsider in ("agent_b", "partner", "contractor_d"):
				user = self.world.users[outsider]
				response = call(user)
				frappe.db.rollback()
				self.assertNotEqual(response.status_code, 200, f"{outsider}: {response.text[:200]}")
				self.assertFalse(frappe.db.exists("DocShare", {"share_name": task.name, "user": user}))
				self.assertFalse(frappe.db.exists("ToDo", {"reference_name": task.name, "allocated_to": user, "status": "Open"}))
		# and within the company it works
		response = agent_a.call(
			"frappe.desk.form.assign_to.add", doctype=task.doctype, name=task.name, assign_to=[self.world.users["engineer_a"]]
		)
		self.assertEqual(response.status_code, 200, response.text[:300])

	# -- attachments ------------------------------------------------------------------

	def test_11_attachments_are_private_and_follow_the_record(self):
		task = self.world.records["task_a"]
		agent_a = self.clients["agent_a"]
		response = agent_a.request(
			"POST",
			"/api/method/upload_file",
			data={"doctype": "Service Task", "docname": task.name, "is_private": 0, "file_name": "slip.txt"},
			files={"file": ("slip.txt", frappe.generate_hash().encode())},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		url = frappe.db.get_value("File", {"attached_to_name": task.name, "file_name": ("like", "slip%")}, "file_url")
		self.assertTrue(url.startswith("/private/files/"), f"uploaded as public, stored as {url}")
		self.assertEqual(agent_a.get(url).status_code, 200)
		for outsider in ("agent_b", "partner", "contractor_c", "contractor_d", "guest"):
			self.assertEqual(self.clients[outsider].get(url).status_code, 403, outsider)

	# -- what was seen on the demo site -------------------------------------------------

	def test_12_a_callback_from_another_company_does_nothing(self):
		from customer_service.tests.factories import complete

		task = make_task(make_reception(frappe.get_doc("Property Unit", self.world.unit_a)))
		task = complete(task)
		frappe.db.commit()
		for satisfaction in ("Very Dissatisfied", "Very Satisfied"):
			response = self.clients["agent_b"].call(
				"frappe.client.insert",
				doc={"doctype": "Revisit", "revisit_type": "Task Callback", "task": task.name, "satisfaction": satisfaction},
			)
			frappe.db.rollback()
			self.assertNotEqual(response.status_code, 200)
		self.assertEqual(
			frappe.db.get_value("Service Task", task.name, ["status", "escalation_level", "dissatisfied_count"]),
			("Completed", task.escalation_level, 0),
		)
		self.assertFalse(frappe.db.exists("Revisit", {"task": task.name, "status": "Done"}))

	def test_13_a_closed_state_is_closed_to_rest_too(self):
		task = make_task(make_reception(frappe.get_doc("Property Unit", self.world.unit_a)), task_type="Consultation")
		frappe.db.set_value("Service Task", task.name, "status", "Void")
		frappe.db.commit()
		for call in (
			lambda: self.clients["agent_a"].request("PUT", f"/api/resource/Service Task/{task.name}", json={"solution": "改"}),
			lambda: self.clients["agent_a"].call(
				"frappe.client.set_value", doctype="Service Task", name=task.name, fieldname="solution", value="改"
			),
		):
			response = call()
			frappe.db.rollback()
			self.assertEqual(response.status_code, 403, response.text[:200])
		self.assertIsNone(frappe.db.get_value("Service Task", task.name, "solution"))
		# a manager, who may edit Void tasks, can
		response = self.clients["manager_a"].request(
			"PUT", f"/api/resource/Service Task/{task.name}", json={"solution": "经理备注"}
		)
		self.assertEqual(response.status_code, 200, response.text[:200])

	def test_14_another_companys_homeowner_is_neither_changed_nor_shown(self):
		homeowner = self.world.records["homeowner_a"]
		response = self.clients["agent_b"].request(
			"PUT",
			f"/api/resource/Homeowner/{homeowner.name}",
			json={"units": [{"unit": self.world.records["unit_b"].name}]},
		)
		frappe.db.rollback()
		self.assertEqual(response.status_code, 403)
		id_number = frappe.db.get_value("Homeowner", homeowner.name, "id_number")
		self.assertNotIn(id_number, response.text)
		self.assertEqual(
			frappe.get_all("Homeowner Unit", {"parent": homeowner.name}, pluck="unit"), [self.world.unit_a]
		)

	def test_15_a_staff_login_never_becomes_a_homeowners(self):
		homeowner = self.world.records["homeowner_b"]
		login = frappe.db.get_value("Homeowner", homeowner.name, "user")
		frappe.db.set_value("Homeowner", homeowner.name, {"email": self.world.users["agent_b"], "user": None})
		frappe.db.commit()
		clear_scope_cache()  # a direct write skips the doc events that forget the scopes
		response = self.clients["manager_b"].call(
			"run_doc_method", dt="Homeowner", dn=homeowner.name, method="create_portal_user"
		)
		frappe.db.rollback()
		self.assertNotEqual(response.status_code, 200)
		self.assertNotIn("Homeowner", frappe.get_roles(self.world.users["agent_b"]))
		self.assertIsNone(frappe.db.get_value("Homeowner", homeowner.name, "user"))
		frappe.db.set_value("Homeowner", homeowner.name, {"email": login, "user": login})
		frappe.db.commit()
		clear_scope_cache()

	def test_16_portal_roles_fail_closed_even_with_an_added_docperm(self):
		"""An admin gives Contractor read (and write) on receptions and homeowners: contractors still
		reach none of them — their rows are their own dispatched defects and tasks."""
		from frappe.permissions import add_permission, update_permission_property

		for doctype in ("Service Reception", "Homeowner", "Property Project"):
			add_permission(doctype, "Contractor", 0)
			update_permission_property(doctype, "Contractor", 0, "write", 1)
		frappe.db.commit()
		try:
			for doctype in ("Service Reception", "Homeowner", "Property Project"):
				for actor in ("contractor_c", "contractor_d"):
					response = self.clients[actor].get(f"/api/resource/{doctype}", {"limit_page_length": 0})
					self.assertEqual(response.status_code, 403, f"{actor} {doctype}: the portal's logins stay off REST")
					frappe.set_user(self.world.users[actor])  # and the rows behind it are none
					try:
						self.assertEqual(frappe.get_list(doctype, limit_page_length=0), [], f"{actor} {doctype}")
						self.assertFalse(frappe.has_permission(doctype, "write", self.world.records["reception_a"].name)
										 if doctype == "Service Reception" else False)  # fmt: skip
					finally:
						frappe.set_user("Administrator")
			reception = self.world.records["reception_a"]
			response = self.clients["contractor_c"].request(
				"PUT", f"/api/resource/Service Reception/{reception.name}", json={"content": "x"}
			)
			self.assertEqual(response.status_code, 403)
		finally:
			for doctype in ("Service Reception", "Homeowner", "Property Project"):
				frappe.db.delete("Custom DocPerm", {"parent": doctype})  # back to the shipped DocPerms
				frappe.clear_cache(doctype=doctype)
			frappe.db.commit()

	# -- what an outside reviewer tried ---------------------------------------------------

	def test_17_a_document_posing_as_new_is_judged_as_stored(self):
		homeowner = self.world.records["homeowner_a"]
		for actor in ("agent_b", "manager_b"):
			response = self.clients[actor].call(
				"run_doc_method",
				method="create_portal_user",
				docs={"doctype": "Homeowner", "name": homeowner.name, "__islocal": 1, "email": f"{actor}-x@example.com"},
			)
			frappe.db.rollback()
			self.assertNotEqual(response.status_code, 200, response.text[:200])
		self.assertEqual(frappe.db.get_value("Homeowner", homeowner.name, "user"), self.world.users["homeowner_a"])
		self.assertFalse(frappe.db.exists("User", "agent_b-x@example.com"))

	def test_18_child_rows_are_listed_only_with_their_parent(self):
		for doctype, parent, record in (
			("Homeowner Unit", "Homeowner", "homeowner_a"),
			("Property Project Share", "Property Project", "project_sa"),
			("Handover Slot", "Inspection Round", "round_a"),
		):
			name = self.world.records[record].name
			for actor in ("agent_b", "manager_b", "contractor_d"):
				response = self.clients[actor].call(
					"frappe.client.get_list", doctype=doctype, parent=parent, fields=["parent"], limit_page_length=0
				)
				self.assertNotIn(name, response.text, f"{actor} listed {doctype} of {name}")
			response = self.clients["manager_a"].call(
				"frappe.client.get_list", doctype=doctype, parent=parent, fields=["parent"], limit_page_length=0
			)
			self.assertIn(name, response.text, f"manager_a lists {doctype}")

	def test_19_files_of_another_company_cannot_be_listed_or_taken(self):
		task = self.world.records["task_a"]
		url = frappe.get_doc(
			{"doctype": "File", "file_name": f"{unique('slip')}.txt", "content": "A's slip", "is_private": 1,
			 "attached_to_doctype": "Service Task", "attached_to_name": task.name}
		).insert(ignore_permissions=True).file_url  # fmt: skip
		frappe.db.commit()
		agent_b = self.clients["agent_b"]
		listed = agent_b.get(
			"/api/resource/File",
			{"filters": json.dumps([["attached_to_doctype", "=", "Service Task"]]), "fields": json.dumps(["file_url"]),
			 "limit_page_length": 0},
		)  # fmt: skip
		self.assertNotIn(url, listed.text)
		before = frappe.db.count("File", {"file_url": url})
		for attempt in (
			lambda: agent_b.request("POST", "/api/resource/File", json={"file_url": url, "file_name": "x.txt"}),
			lambda: agent_b.request(
				"PUT", f"/api/resource/Service Task/{self.world.records['task_b'].name}", json={"completion_evidence": url}
			),
			lambda: self.clients["contractor_d"].request(
				"PUT", f"/api/resource/Inspection Defect/{self.world.records['defect_b'].name}", json={"photo": url}
			),
		):
			response = attempt()
			frappe.db.rollback()
			self.assertNotEqual(response.status_code, 200, response.text[:200])
		self.assertEqual(frappe.db.count("File", {"file_url": url}), before)
		for actor in ("agent_b", "contractor_d"):
			self.assertEqual(self.clients[actor].get(url).status_code, 403)

	def test_20_charts_and_sidebar_counts_count_only_what_the_user_sees(self):
		chart = {"name": unique("probe"), "document_type": "Compensation", "chart_type": "Sum", "type": "Heatmap",
				 "value_based_on": "amount", "based_on": "creation", "filters_json": "[]"}  # fmt: skip
		response = self.clients["agent_b"].call(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart=chart, no_cache=1
		)
		self.assertNotEqual(response.status_code, 200, "a heatmap of another company's amounts")
		chart = {**chart, "type": "Bar", "chart_type": "Count", "timespan": "Last Year", "time_interval": "Monthly"}
		response = self.clients["agent_b"].call(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart=chart, no_cache=1
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertEqual(sum(sum(d["values"]) for d in Client.message(response)["datasets"]), 0, "B has no compensations")
		task = self.world.records["task_a"]
		frappe.get_doc(
			{"doctype": "ToDo", "reference_type": "Service Task", "reference_name": task.name,
			 "allocated_to": self.world.users["engineer_a"], "description": "x"}
		).insert(ignore_permissions=True)  # fmt: skip
		frappe.db.commit()
		response = self.clients["agent_b"].call(
			"frappe.desk.listview.get_group_by_count", doctype="Service Task",
			current_filters=json.dumps([["Service Task", "name", "=", task.name]]), field="assigned_to",
		)  # fmt: skip
		self.assertEqual(Client.message(response), [])

	def test_21_a_department_cannot_be_moved_into_another_company(self):
		department = make_org("Department", self.world.company_b).name
		frappe.db.commit()
		response = self.clients["manager_b"].request(
			"PUT", f"/api/resource/Service Organization/{department}", json={"parent_service_organization": self.world.company_a}
		)
		frappe.db.rollback()
		self.assertNotEqual(response.status_code, 200)
		self.assertEqual(frappe.db.get_value("Service Organization", department, "parent_service_organization"), self.world.company_b)

	def test_22_a_submitted_record_keeps_its_system_fields(self):
		from frappe.model.workflow import apply_workflow

		compensation = frappe.get_doc("Compensation", self.world.records["compensation_a"].name)
		compensation = apply_workflow(compensation, "Submit for Approval")
		compensation = apply_workflow(compensation, "Approve")
		frappe.db.commit()
		approved_by = frappe.db.get_value("Compensation", compensation.name, "approved_by")
		for actor in ("agent_a", "manager_a"):
			response = self.clients[actor].request(
				"PUT", f"/api/resource/Compensation/{compensation.name}",
				json={"approved_by": self.world.users[actor], "paid_on": nowdate()},
			)  # fmt: skip
			frappe.db.rollback()
			self.assertNotEqual(response.status_code, 200, f"{actor}: {response.text[:200]}")
		self.assertEqual(frappe.db.get_value("Compensation", compensation.name, ["approved_by", "paid_on"]), (approved_by, None))

	def test_23_a_share_gives_no_more_than_the_rule(self):
		unit = self.world.records["unit_sa"]
		response = self.clients["manager_a"].call(
			"frappe.share.add", doctype="Property Unit", name=unit.name, user=self.world.users["partner"], read=1, write=1
		)
		frappe.db.rollback()
		self.assertNotEqual(response.status_code, 200, "the partner may read the shared unit, not write it")
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": unit.name, "user": self.world.users["partner"]}))

	def test_23b_a_shared_project_s_round_is_walked_by_its_owner_only(self):
		"""The partner reads company A's shared project; it records no walked unit and no defect on
		A's round there, over the mobile API (the bulk paths write rows without insert())."""
		from customer_service.tests.factories import make_round

		unit = frappe.get_doc("Property Unit", self.world.records["unit_sa"].name)
		inspection_round = make_round(unit.project, [unit.building])
		frappe.db.commit()
		walked = {"inspection_round": inspection_round.name, "unit": unit.name}
		defects = [{"unit": unit.name, "problem_category": "墙面裂缝", "description": "越权"}]
		for actor in ("partner", "agent_b"):
			response = self.clients[actor].call(
				"customer_service.api.inspection.mark_units_inspected", inspection_round=inspection_round.name, units=[unit.name]
			)
			self.assertNotEqual(response.status_code, 200, f"{actor}: {response.text[:200]}")
			response = self.clients[actor].call(
				"customer_service.api.inspection.record_defects", inspection_round=inspection_round.name, defects=defects
			)
			rows = Client.message(response) if response.status_code == 200 else []
			self.assertEqual([r for r in rows or [] if r.get("status") != "error"], [], actor)
			frappe.db.rollback()
			self.assertFalse(frappe.db.exists("Inspected Unit", walked), actor)
			self.assertFalse(frappe.db.exists("Inspection Defect", {"inspection_round": inspection_round.name}), actor)
		response = self.clients["agent_a"].call(
			"customer_service.api.inspection.mark_units_inspected", inspection_round=inspection_round.name, units=[unit.name]
		)
		frappe.db.rollback()
		self.assertEqual((response.status_code, Client.message(response)), (200, 1), response.text[:200])
		self.assertTrue(frappe.db.exists("Inspected Unit", walked))

	# -- the portal -----------------------------------------------------------------------

	def test_24_portal_users_never_read_the_staffs_conversation(self):
		"""Homeowner A reads their task, not what staff wrote about it: no comments, emails,
		versions or followers through the desk's form endpoints or REST; and they add none."""
		task = self.world.records["task_a"]
		note = f"内部备注-{unique('n')}"
		frappe.get_doc("Service Task", task.name).add_comment("Comment", note)
		frappe.get_doc(
			{"doctype": "Communication", "communication_type": "Communication", "communication_medium": "Email",
			 "sent_or_received": "Sent", "subject": note, "content": note, "reference_doctype": "Service Task",
			 "reference_name": task.name, "recipients": "engineer@example.com"}
		).insert(ignore_permissions=True)  # fmt: skip
		frappe.db.commit()
		counts = lambda: [  # noqa: E731
			frappe.db.count(d, {f: task.name})
			for d, f in (("Comment", "reference_name"), ("Document Follow", "ref_docname"), ("ToDo", "reference_name"))
		]
		before = counts()
		for actor in ("homeowner_a", "contractor_c"):
			client = self.clients[actor]
			for response in (
				client.get("/api/method/frappe.desk.form.load.getdoc", {"doctype": task.doctype, "name": task.name}),
				client.call("frappe.desk.form.load.get_docinfo", doctype=task.doctype, name=task.name),
				client.call("frappe.desk.form.load.get_communications", doctype=task.doctype, name=task.name),
				client.get("/api/resource/Communication", {"filters": json.dumps([["reference_name", "=", task.name]]),
														   "fields": json.dumps(["subject"])}),
				client.get("/api/resource/Comment", {"filters": json.dumps([["reference_name", "=", task.name]]),
													 "fields": json.dumps(["content"])}),
				client.call("frappe.desk.form.document_follow.get_follow_users", doctype=task.doctype, doc_name=task.name),
				client.call("frappe.desk.form.utils.add_comment", reference_doctype=task.doctype, reference_name=task.name,
							content="业主留言", comment_email=self.world.users[actor], comment_by="x"),
				client.call("frappe.desk.form.document_follow.follow_document", doctype=task.doctype, doc_name=task.name,
							user=self.world.users[actor]),
				client.call("frappe.desk.form.assign_to.add", doctype=task.doctype, name=task.name,
							assign_to=[self.world.users["engineer_a"]]),
			):  # fmt: skip
				frappe.db.rollback()
				self.assertNotIn(note, response.text, f"{actor}: {response.request.url}")
				self.assertNotIn(response.status_code, (500,), response.text[:200])
			self.assertEqual(counts(), before, actor)
		# theirs to read in the portal, never over REST
		response = self.clients["homeowner_a"].get(f"/api/resource/Service Task/{task.name}")
		self.assertEqual(response.status_code, 403)
		self.assertNotIn(note, response.text)
		requests = self.clients["homeowner_a"].get("/api/method/customer_service.api.portal.my_requests")
		self.assertIn(task.name, requests.text)
		self.assertNotIn(note, requests.text)

	def test_25_portal_pages_show_each_their_own(self):
		"""Every portal page, for every actor: the homeowner's pages for the homeowner, the
		contractor's for the contractor; no page shows anyone else's record."""
		r = self.world.records
		a_names = [r[k].name for k in ("reception_a", "defect_a")] + [self.world.unit_a]
		pages = {
			"/owner": "homeowner_a", "/owner/report": "homeowner_a", "/owner/requests": "homeowner_a",
			"/owner/handover": "homeowner_a", "/contractor": "contractor_c",
			f"/contractor/item?doctype=Inspection%20Defect&name={r['defect_a'].name}": "contractor_c",
		}  # fmt: skip
		wrong = []
		for page, owner in pages.items():
			for actor in ACTORS:
				response = self.clients[actor].request("GET", page, allow_redirects=False)
				if actor == owner:
					if response.status_code != 200:
						wrong.append(f"{actor} {page}: {response.status_code}")
					elif not any(name in response.text for name in a_names):
						wrong.append(f"{actor} {page}: their own record is missing")
					continue
				if response.status_code == 200 and any(name in response.text for name in a_names):
					wrong.append(f"{actor} {page}: shows A's records")
				same_kind = actor.split("_")[0] == owner.split("_")[0]  # B's own (empty of A) page, or refused
				if response.status_code not in ((200, 403) if same_kind else (301, 302, 403)):
					wrong.append(f"{actor} {page}: {response.status_code}")
		self.assertEqual(wrong, [])
