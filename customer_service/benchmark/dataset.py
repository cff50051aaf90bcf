"""The benchmark's data set: a group of two companies and 40 projects with their units,
homeowners, receptions and tasks over three years, inspection defects and revisits.

Built through the app's own bulk paths: units by the building's generator
(`unit_generation.insert_planned_units`); homeowners, receptions, tasks, defects and revisits by
`frappe.db.bulk_insert` of rows whose computed fields come from the app's own functions (ID facts
from `identity.check_id`, mobile numbers from `normalize_mobile`, deadlines from
`sla.set_deadlines`, hours to resolve from `sla.completion`, state categories from the workflow).
Nothing is inserted by hand-written SQL.

`build(scale)` is idempotent per DATASET_VERSION: a site that has this version's data is reused.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import frappe
from frappe.utils import add_days, now_datetime

from customer_service.demo import ensure_org
from customer_service.identity import check_id, mainland_check_char, normalize_mobile
from customer_service.sla import completion, is_breached, set_deadlines
from customer_service.state_categories import last_open_state, states_in
from customer_service.unit_generation import get_planned_units, insert_planned_units

DATASET_VERSION = "2026-12-02.2"
GROUP = "基准集团"
COMPANIES = ("基准甲公司", "基准乙公司")
PROJECTS_PER_COMPANY = 20
# full size: 100k units, 60k homeowners, 1M tasks, 200k defects, 300k revisits
FULL = {"units": 100_000, "homeowners": 60_000, "tasks": 1_000_000, "defects": 200_000, "revisits": 300_000}
FLOORS, ROOMS = 25, 4  # 100 units a building
CHUNK = 5_000
BASE = ("name", "owner", "modified_by", "creation", "modified", "docstatus", "idx")
CHANNELS = ("Phone", "Hotline 400", "Visit", "Website", "Portal", "WeChat", "Letter")
USER = "Administrator"


def sizes(scale: float) -> dict[str, int]:
	return {key: max(int(value * scale), 1) for key, value in FULL.items()}


def built_version() -> str | None:
	return frappe.db.get_default("cs_benchmark_dataset")


def build(scale: float = 1.0, log=print) -> dict[str, int]:
	"""Make the data set (or reuse the one this version made) and return its sizes."""
	wanted = f"{DATASET_VERSION}@{scale:g}"  # as make benchmark writes BENCHMARK_SCALE
	if built_version() == wanted:
		log(f"reusing data set {wanted}")
		return counts()
	if built_version():
		raise SystemExit(f"this site holds data set {built_version()}; drop it (make benchmark does) to build {wanted}")
	random.seed(20261202)
	size = sizes(scale)
	started = time.monotonic()
	step("organizations and projects", log, make_projects)
	units = step("units (the building generator)", log, make_units, size["units"])
	homeowners = step("homeowners", log, make_homeowners, units, size["homeowners"])
	step("receptions and tasks", log, make_tasks, units, homeowners, size["tasks"])
	step("inspection defects", log, make_defects, units, size["defects"])
	step("revisits", log, make_revisits, size["revisits"])
	step("ToDos (the baseline of Frappe's own User Permissions)", log, make_todos, size["tasks"])
	frappe.db.set_default("cs_benchmark_dataset", wanted)
	frappe.db.commit()
	log(f"data set built in {time.monotonic() - started:.0f} s")
	return counts()


def counts() -> dict[str, int]:
	doctypes = (
		"Property Project", "Property Unit", "Homeowner", "Service Reception", "Service Task", "Inspection Defect", "Revisit",
		"ToDo",
	)  # fmt: skip
	return {doctype: frappe.db.count(doctype) for doctype in doctypes}


def step(title, log, fn, *args):
	started = time.monotonic()
	result = fn(*args)
	frappe.db.commit()
	log(f"  {title}: {time.monotonic() - started:.0f} s")
	return result


def projects() -> list[dict]:
	return frappe.get_all(
		"Property Project", filters={"company": ("in", COMPANIES)}, fields=["name", "company"], order_by="name"
	)


def make_projects() -> None:
	ensure_org(GROUP, "Group", None)
	for c, company in enumerate(COMPANIES):
		ensure_org(company, "Company", GROUP)
		ensure_org(f"{company}客服中心", "Department", company)
		for p in range(PROJECTS_PER_COMPANY):
			name = f"基准{c + 1}-{p + 1:02d}"
			if not frappe.db.exists("Property Project", name):
				frappe.get_doc({"doctype": "Property Project", "project_name": name, "company": company, "city": "厦门"}).insert()


def make_units(total: int) -> list[dict]:
	"""Buildings of 100 units, spread evenly over the projects, by the app's generator."""
	per_project = total // len(projects()) or 1
	for project in projects():
		for b in range(max(per_project // (FLOORS * ROOMS), 1)):
			building = f"{project.name}-{b + 1}栋"
			if not frappe.db.exists("Property Building", building):
				doc = frappe.get_doc(
					{
						"doctype": "Property Building", "project": project.name, "building_name": f"{b + 1}栋",
						"unit_count": 1, "floor_count": FLOORS, "rooms_per_floor": ROOMS,
					}
				).insert()  # fmt: skip
				insert_planned_units(doc, get_planned_units(doc))
	return frappe.get_all("Property Unit", filters={"company": ("in", COMPANIES)}, fields=["name", "project", "building", "company"], order_by="name")


def id_number(born: date, seq: int) -> str:
	body = f"350203{born:%Y%m%d}{seq % 1000:03d}"
	return body + mainland_check_char(body)


def make_homeowners(units: list[dict], total: int) -> list[str | None]:
	"""One homeowner per unit for the first `total` units; their units delivered over the years."""
	now = now_datetime()
	owners, rows, links = [], [], []
	for i, unit in enumerate(units[:total]):
		born = date(1950, 1, 1) + timedelta(days=(i // 1000) * 97)  # with the sequence number: unique
		facts = check_id("Mainland ID Card", id_number(born, i))
		name = f"HO-B{i + 1:07d}"
		rows.append(
			(name, USER, USER, now, now, 0, 0, f"业主{i + 1}", "Person", "Mainland ID Card", facts.number,
			 facts.gender, facts.birth_date, normalize_mobile(f"139{i:08d}"), unit.company)
		)  # fmt: skip
		links.append((frappe.generate_hash(length=10), USER, USER, now, now, 0, 1, name, "Homeowner", "units", unit.name, "Owner", 100, unit.project))
		owners.append(name)
	frappe.db.bulk_insert(
		"Homeowner",
		(*BASE, "homeowner_name", "homeowner_type", "id_type", "id_number", "gender", "birth_date", "mobile_no", "company"),
		rows,
		chunk_size=CHUNK,
	)
	frappe.db.bulk_insert(
		"Homeowner Unit",
		(*BASE, "parent", "parenttype", "parentfield", "unit", "relationship", "share_percent", "project"),
		links,
		chunk_size=CHUNK,
	)
	# every unit delivered over the last three years; the homeowner's units name their owner
	unit, owner = frappe.qb.DocType("Property Unit"), frappe.qb.DocType("Homeowner Unit")
	for d in range(0, 3 * 365, 30):
		delivered = add_days(now.date(), -d - 1)
		names = [u.name for k, u in enumerate(units) if (k // 10) % 37 == d // 30]
		if names:
			frappe.qb.update(unit).set(unit.status, "Delivered").set(unit.delivery_date, delivered).set(
				unit.warranty_start, delivered
			).where(unit.name.isin(names)).run()
	frappe.qb.update(unit).join(owner).on((owner.unit == unit.name) & (owner.parenttype == "Homeowner")).set(
		unit.primary_homeowner, owner.parent
	).where(unit.company.isin(COMPANIES)).run()
	return owners + [None] * (len(units) - len(owners))


def task_states() -> dict[str, str]:
	"""The state each category of the data set is in: open work where it is done (past intake, so
	the dispatch milestone is met), Completed and Closed from the workflow."""
	return {
		"Open": last_open_state("Service Task"),
		"Completed": states_in("Service Task", "Completed")[0],
		"Closed": states_in("Service Task", "Closed")[0],
	}


def leaf_categories() -> list[str]:
	return frappe.get_all("Problem Category", filters={"is_group": 0}, pluck="name", order_by="name")


def make_tasks(units: list[dict], homeowners: list[str | None], total: int) -> None:
	"""One reception and one task each, received over three years; 5% still open, 5% completed."""
	states = task_states()
	categories = leaf_categories()
	departments = {company: f"{company}客服中心" for company in COMPANIES}
	now = now_datetime()
	start = now - timedelta(days=3 * 365)
	span = (now - start).total_seconds()
	reception_fields = (*BASE, "channel", "received_on", "received_by", "status", "homeowner", "unit", "project", "building", "company", "content")
	task_fields = (
		*BASE, "reception", "task_type", "problem_category", "priority", "status", "status_category", "description", "homeowner",
		"unit", "project", "building", "company", "responsible_department", "received_by", "dispatch_by", "dispatched_on",
		"response_by", "resolution_by", "response_warning_at", "resolution_warning_at", "responded_on", "completed_on",
		"closed_on", "resolved_in_hours", "is_overdue",
	)  # fmt: skip
	receptions, tasks = [], []
	for i in range(total):
		k = i % len(units)
		unit, homeowner = units[k], homeowners[k]
		received = start + timedelta(seconds=span * i / total)
		roll = random.random()
		category = "Open" if roll < 0.05 else "Completed" if roll < 0.10 else "Closed"
		task = frappe._dict(
			reception=None, creation=received, priority="Emergency" if roll > 0.99 else "Normal",
			problem_category=categories[i % len(categories)], status_category=category, paused_working_hours=0,
		)  # fmt: skip
		set_deadlines(task)
		# open work past its deadlines is flagged, as the SLA job would have flagged it
		overdue = int(category == "Open" and is_breached(task, now))
		done = {"completed_on": None, "resolved_in_hours": 0}
		if category != "Open":
			done = completion(task, received + timedelta(hours=2 + (i % 96)))
		finished = done["completed_on"]
		reception_name, task_name = f"REC-B{i + 1:08d}", f"TASK-B{i + 1:08d}"
		receptions.append(
			(reception_name, USER, USER, received, received, 0, 0, CHANNELS[i % len(CHANNELS)], received, USER,
			 "Closed" if category == "Closed" else "Decomposed", homeowner, unit.name, unit.project, unit.building,
			 unit.company, "业主来电报修")
		)  # fmt: skip
		tasks.append(
			(task_name, USER, USER, received, finished or received, 0, 0, reception_name,
			 ("Repair", "Repair", "Repair", "Complaint", "Consultation")[i % 5], task.problem_category, task.priority,
			 states[category], category, "报修", homeowner, unit.name, unit.project, unit.building, unit.company,
			 departments[unit.company], USER, task.dispatch_by, received + timedelta(minutes=30), task.response_by,
			 task.resolution_by, task.response_warning_at, task.resolution_warning_at,
			 received + timedelta(hours=1), finished,
			 finished + timedelta(days=2) if category == "Closed" else None, done["resolved_in_hours"], overdue)
		)  # fmt: skip
		if len(tasks) >= CHUNK:
			flush(receptions, tasks, reception_fields, task_fields)
	flush(receptions, tasks, reception_fields, task_fields)


def flush(receptions: list, tasks: list, reception_fields, task_fields) -> None:
	frappe.db.bulk_insert("Service Reception", reception_fields, receptions, chunk_size=CHUNK)
	frappe.db.bulk_insert("Service Task", task_fields, tasks, chunk_size=CHUNK)
	frappe.db.commit()
	receptions.clear()
	tasks.clear()


def make_defects(units: list[dict], total: int) -> None:
	"""One simulated inspection round per project; its defects mostly verified, some open."""
	states = {category: states_in("Inspection Defect", category) for category in ("To Dispatch", "Dispatched", "Verified")}
	categories = leaf_categories()
	rounds = {}
	for project in projects():
		name = frappe.db.get_value("Inspection Round", {"project": project.name}, "name")
		if not name:
			buildings = frappe.get_all("Property Building", filters={"project": project.name}, pluck="name")
			name = frappe.get_doc(
				{
					"doctype": "Inspection Round", "round_name": f"{project.name}模拟验房", "round_type": "Simulated",
					"project": project.name, "start_date": add_days(now_datetime().date(), -60),
					"buildings": [{"building": b} for b in buildings],
				}
			).insert().name  # fmt: skip
		rounds[project.name] = name
	now = now_datetime()
	fields = (*BASE, "inspection_round", "unit", "project", "building", "status", "status_category", "rectify_by", "problem_category", "description", "company_manager")
	rows = []
	for i in range(total):
		unit = units[(i * 7) % len(units)]
		category = "To Dispatch" if i % 20 == 0 else "Dispatched" if i % 20 < 4 else "Verified"
		rows.append(
			(f"DEF-B{i + 1:08d}", USER, USER, now, now, 0, 0, rounds[unit.project], unit.name, unit.project, unit.building,
			 states[category][0], category, add_days(now.date(), 15 - i % 30), categories[i % len(categories)], "验房问题", None)
		)  # fmt: skip
	frappe.db.bulk_insert("Inspection Defect", fields, rows, chunk_size=CHUNK)


def make_revisits(total: int) -> None:
	"""Callbacks of finished tasks, most done and satisfied."""
	task = frappe.qb.DocType("Service Task")
	finished = (
		frappe.qb.from_(task)
		.select(task.name, task.homeowner, task.unit, task.project, task.company, task.completed_on)
		.where(task.status_category.isin(("Completed", "Closed")) & task.name.like("TASK-B%"))
		.orderby(task.name)
		.limit(total)
		.run(as_dict=True)
	)
	now = now_datetime()
	fields = (*BASE, "revisit_type", "task", "homeowner", "unit", "project", "company", "status", "due_date", "satisfaction", "revisited_on")
	rows = []
	for i, t in enumerate(finished):
		done = i % 10 != 0
		rows.append(
			(f"RV-B{i + 1:08d}", USER, USER, now, now, 0, 0, "Task Callback", t.name, t.homeowner, t.unit, t.project, t.company,
			 "Done" if done else "Open", t.completed_on.date(), ("Very Satisfied", "Satisfied", "Dissatisfied")[i % 3] if done else None,
			 t.completed_on + timedelta(days=1) if done else None)
		)  # fmt: skip
	frappe.db.bulk_insert("Revisit", fields, rows, chunk_size=CHUNK)


def baseline_users() -> list[str]:
	"""One ToDo owner per project: the baseline restricts a user to 20 of them, as a company's agent
	is restricted to its 20 projects."""
	return [f"bench.owner.{p + 1:02d}@bench.localhost" for p in range(len(COMPANIES) * PROJECTS_PER_COMPANY)]


def make_todos(total: int) -> None:
	"""A core DocType of the tasks' size: ToDos, 5% open, spread over the users of baseline_users()."""
	users = baseline_users()
	for user in users:
		if not frappe.db.exists("User", user):
			frappe.get_doc({"doctype": "User", "email": user, "first_name": "基准", "send_welcome_email": 0}).insert(ignore_permissions=True)
	now = now_datetime()
	fields = (*BASE, "status", "priority", "date", "allocated_to", "description", "reference_type", "reference_name")
	rows = []
	for i in range(total):
		status = "Open" if i % 20 == 0 else "Closed"
		rows.append(
			(f"TD-B{i + 1:08d}", USER, USER, now, now, 0, 0, status, "Medium", add_days(now.date(), -(i % 1000)),
			 users[i % len(users)], "基准待办", "Service Task", f"TASK-B{i + 1:08d}")
		)  # fmt: skip
		if len(rows) >= CHUNK:
			frappe.db.bulk_insert("ToDo", fields, rows, chunk_size=CHUNK)
			rows.clear()
	frappe.db.bulk_insert("ToDo", fields, rows, chunk_size=CHUNK)
