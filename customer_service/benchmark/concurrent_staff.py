"""The concurrent-staff figure of `make benchmark`: 30 CS agents (locust, headless, loopback only)
on gunicorn with 4 workers for 3 minutes, doing what the desk does (`locustfile.py`).

The baseline is the same mix run by one user without think time, in the same run on the same
site: each request's p95 under load must stay within 3× its single-user p95. After the run every
save and every reception the server acknowledged is looked up in the database (no lost update),
then what the run wrote is taken back out of the data set.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

import frappe
from frappe.utils import now_datetime
from frappe.utils.password import update_password

from customer_service.benchmark.dataset import COMPANIES, leaf_categories, projects
from customer_service.benchmark.figures import Figure, batches

AGENTS, WORKERS, DURATION, BASELINE = 30, 4, "3m", "40s"
THINK_TIME = "3,8"  # seconds between an agent's clicks
TASKS_PER_AGENT = 5
PASSWORD = "Bench-Agent-2026!"
LOCUSTFILE = os.path.join(os.path.dirname(__file__), "locustfile.py")


def concurrent_staff() -> list[Figure]:
	locust = os.environ.get("CS_LOCUST")
	if not (locust and os.path.exists(locust)):
		return [Figure("concurrent staff: locust not found (CS_LOCUST; make benchmark installs it)", 0, "", "0 errors", False)]
	plan = agent_plan()
	started = now_datetime()
	originals = {name: frappe.db.get_value("Service Task", name, "description") for agent in plan for name in agent["tasks"]}
	try:
		with tempfile.TemporaryDirectory() as out, served(WORKERS) as url:
			plan_file = os.path.join(out, "plan.json")
			with open(plan_file, "w") as f:
				json.dump(plan, f)
			single = run_locust(locust, url, plan_file, 1, BASELINE, "0,0", os.path.join(out, "single"))
			loaded = run_locust(locust, url, plan_file, AGENTS, DURATION, THINK_TIME, os.path.join(out, "many"))
			frappe.db.rollback()  # read what the server committed
			lost, checked, refused = lost_updates(os.path.join(out, "many.log"))
			errors = single["Aggregated"]["failures"] + loaded["Aggregated"]["failures"]
			errors += exceptions(os.path.join(out, "single")) + exceptions(os.path.join(out, "many"))
	finally:
		take_back(plan, originals, started)
	requests = loaded["Aggregated"]["requests"]
	out = [
		Figure(
			f"concurrent staff: {AGENTS} agents, gunicorn {WORKERS} workers, {DURATION} ({requests:,} requests): "
			f"errors and lost updates ({checked} acknowledged writes checked, {refused} stale saves refused)",
			errors + lost, "", "0 errors, 0 lost", errors == 0 and lost == 0,
		)  # fmt: skip
	]
	for name, stats in loaded.items():
		if name in ("Aggregated", "login") or name not in single:
			continue
		ratio_ok = stats["p95"] <= 3 * single[name]["p95"]
		out.append(
			Figure(f"concurrent staff: {name}, p95 under load vs one user", stats["p95"], "ms", "≤ 3× one user", ratio_ok,
				   baseline=single[name]["p95"])
		)  # fmt: skip
	print(f"  concurrent staff: {errors} errors, {lost} lost of {checked}, {refused} stale saves refused")
	return out


def agent_plan() -> list[dict]:
	"""30 agents in pairs, each pair of one company (a User Permission) and one of its projects,
	sharing the tasks they edit, with a unit and its homeowner to record receptions for."""
	category = leaf_categories()[0]
	plan, taken = [], set()
	for index in range(AGENTS):
		pair = index // 2
		company = COMPANIES[pair % len(COMPANIES)]
		# projects with homeowners (the data set gives homeowners to the first units only)
		company_projects = [
			p.name for p in projects()
			if p.company == company and frappe.db.exists("Homeowner Unit", {"parenttype": "Homeowner", "project": p.name})
		]  # fmt: skip
		project = company_projects[(pair // len(COMPANIES)) % len(company_projects)]
		user = f"bench.agent.{index + 1}@bench.localhost"
		if not frappe.db.exists("User", user):
			frappe.get_doc(
				{"doctype": "User", "email": user, "first_name": "Agent", "send_welcome_email": 0, "roles": [{"role": "CS Agent"}]}
			).insert(ignore_permissions=True)
		works_for(user, company)
		update_password(user, PASSWORD)
		if index % 2:  # the second of a pair edits the first one's tasks
			plan.append({**plan[-1], "user": user})
			continue
		tasks = [
			name
			for name in frappe.get_all(
				"Service Task", filters={"status_category": "Open", "project": project}, pluck="name",
				order_by="name", limit=TASKS_PER_AGENT * AGENTS,
			)  # fmt: skip
			if name not in taken
		][:TASKS_PER_AGENT]
		if not tasks:
			raise RuntimeError(f"no open tasks of project {project} left for agent {user}")
		taken.update(tasks)
		owned = frappe.get_all(
			"Homeowner Unit", filters={"parenttype": "Homeowner", "project": project}, fields=["unit", "parent"], limit=1
		)[0]
		plan.append(
			{"user": user, "password": PASSWORD, "project": project, "tasks": tasks, "unit": owned.unit,
			 "homeowner": owned.parent, "category": category}
		)  # fmt: skip
	open_workflow_actions(sorted({name for agent in plan for name in agent["tasks"]}))
	frappe.db.commit()
	return plan


def works_for(user: str, company: str) -> None:
	"""The agent's one User Permission on Service Organization is this company (an earlier run's
	plan may have put them in the other one)."""
	permissions = frappe.get_all(
		"User Permission", filters={"user": user, "allow": "Service Organization"}, fields=["name", "for_value"]
	)
	if [p.for_value for p in permissions] == [company]:
		return
	for permission in permissions:
		frappe.delete_doc("User Permission", permission.name, ignore_permissions=True)
	frappe.get_doc(
		{"doctype": "User Permission", "user": user, "allow": "Service Organization", "for_value": company}
	).insert(ignore_permissions=True)


def open_workflow_actions(tasks: list[str]) -> None:
	"""The Workflow Action Frappe opens for a task's state when the task is saved through the app.
	The data set's tasks are bulk-inserted without them, so an agent's first save of one would
	create it: on a nearly empty Workflow Action table, Frappe's clean-up of old actions locks the
	whole `user` index and two first saves at once deadlock (seen here), which tasks made by the
	app never meet."""
	from frappe.workflow.doctype.workflow_action.workflow_action import process_workflow_actions

	for name in tasks:
		process_workflow_actions(frappe.get_doc("Service Task", name), "on_update")


@contextmanager
def served(workers: int):
	"""gunicorn with `workers` sync workers on a free loopback port, for this site."""
	import socket

	import requests

	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		port = sock.getsockname()[1]
	log = open(os.path.join(frappe.get_site_path(), "logs", "benchmark-http.log"), "a")
	process = subprocess.Popen(
		[sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", str(workers), "-t", "120",
		 "--log-level", "warning", "frappe.app:application"],
		cwd=os.path.abspath(frappe.local.sites_path), stdout=log, stderr=log,
	)  # fmt: skip
	url = f"http://127.0.0.1:{port}"
	try:
		for _ in range(120):
			try:
				if requests.get(f"{url}/api/method/ping", headers={"Host": frappe.local.site}, timeout=5).ok:
					break
			except requests.ConnectionError:
				time.sleep(0.5)
		else:
			raise RuntimeError("gunicorn did not answer within a minute (logs/benchmark-http.log)")
		yield url
	finally:
		process.terminate()
		process.wait(timeout=60)


def run_locust(locust: str, url: str, plan_file: str, users: int, duration: str, wait: str, prefix: str) -> dict:
	"""One headless locust run; per request name: requests, failures and p95 (ms)."""
	env = {
		**os.environ, "CS_LOCUST_PLAN": plan_file, "CS_LOCUST_SITE": frappe.local.site,
		"CS_LOCUST_LOG": f"{prefix}.log", "CS_LOCUST_WAIT": wait,
	}  # fmt: skip
	subprocess.run(
		[locust, "-f", LOCUSTFILE, "--headless", "-u", str(users), "-r", str(min(users, 10)), "-t", duration,
		 "--host", url, "--csv", prefix, "--only-summary", "--stop-timeout", "30", "--loglevel", "WARNING"],
		env=env, check=False, timeout=600,
	)  # fmt: skip
	with open(f"{prefix}_stats.csv") as f:
		return {
			row["Name"]: {"requests": int(row["Request Count"]), "failures": int(row["Failure Count"]), "p95": float(row["95%"])}
			for row in csv.DictReader(f)
		}


def lost_updates(log_file: str) -> tuple[int, int, int]:
	"""(acknowledged writes not in the database, acknowledged writes checked, saves refused as stale).
	Every acknowledged edit was based on the latest version (Frappe refuses the others), so its token
	stays in the description through every later edit; a token missing is a lost update."""
	saves, receptions, refused = [], [], 0
	with open(log_file) as f:
		for line in f:
			entry = json.loads(line)
			if entry["kind"] == "save":
				saves.append(entry)
			elif entry["kind"] == "refused":
				refused += 1
			else:
				receptions.append(entry)
	descriptions = {}
	for entry in saves:
		if entry["task"] not in descriptions:
			descriptions[entry["task"]] = frappe.db.get_value("Service Task", entry["task"], "description") or ""
	lost = sum(entry["token"] not in descriptions[entry["task"]] for entry in saves)
	for entry in receptions:
		lost += not frappe.db.exists("Service Reception", entry["reception"])
		lost += sum(frappe.db.get_value("Service Task", task, "reception") != entry["reception"] for task in entry["tasks"])
	return lost, len(saves) + len(receptions), refused


def exceptions(prefix: str) -> int:
	"""Exceptions raised inside the locust users (not counted as failed requests)."""
	path = f"{prefix}_exceptions.csv"
	if not os.path.exists(path):
		return 0
	with open(path) as f:
		return sum(int(row.get("Count") or 1) for row in csv.DictReader(f))


def take_back(plan: list[dict], originals: dict, since) -> None:
	"""What the run wrote leaves the data set: the saved tasks' descriptions, the receptions and
	tasks the agents recorded, with what they brought (escalations, penalties, versions, mails)."""
	task = frappe.qb.DocType("Service Task")
	for name, description in originals.items():
		frappe.qb.update(task).set(task.description, description).where(task.name == name).run()
	agents = [agent["user"] for agent in plan]
	receptions = frappe.get_all("Service Reception", filters={"owner": ("in", agents), "creation": (">=", since)}, pluck="name")
	tasks = frappe.get_all("Service Task", filters={"owner": ("in", agents), "creation": (">=", since)}, pluck="name")
	for chunk in batches(tasks):
		for doctype in ("Service Escalation", "Service Penalty", "Revisit"):
			frappe.db.delete(doctype, {"task": ("in", chunk)})
		frappe.db.delete("Service Task", {"name": ("in", chunk)})
	for chunk in batches(receptions):
		frappe.db.delete("Service Reception", {"name": ("in", chunk)})
	for doctype in ("Version", "Email Queue", "Notification Log", "ToDo", "Comment"):
		frappe.db.delete(doctype, {"creation": (">=", since)})
	frappe.db.commit()
