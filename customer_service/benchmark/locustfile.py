"""Locust users of `make benchmark`'s concurrent-staff figure: CS agents of one company each,
working the desk over HTTP (no Frappe import: locust runs in its own virtualenv).

Each user logs in as one agent of the plan (`CS_LOCUST_PLAN`, a JSON list written by the figure)
and, with a think time between clicks (`CS_LOCUST_WAIT`, "min,max" seconds; "0,0" for the
single-user baseline), lists the company's open tasks, opens one, edits one, records a reception
with a task, and now and then runs a report. Two agents share each task they edit, as colleagues
on one project do: an edit is the desk's read-modify-write (open the task, append a token of
one's own to its description, save it with the `modified` one read). Frappe refuses a save
based on a version another agent changed meanwhile (417): that refusal is the protection, not
an error, and is counted apart. Every token the server acknowledged and every reception is
appended to `CS_LOCUST_LOG` (JSON lines): afterwards each acknowledged token must be in its
task's description, or an update was lost.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, task

PLAN = json.load(open(os.environ["CS_LOCUST_PLAN"]))
SITE = os.environ["CS_LOCUST_SITE"]
LOG = open(os.environ["CS_LOCUST_LOG"], "a", buffering=1)
WAIT = tuple(float(x) for x in os.environ.get("CS_LOCUST_WAIT", "3,8").split(","))
AGENTS = itertools.cycle(PLAN)


def acknowledged(kind: str, **fields) -> None:
	LOG.write(json.dumps({"kind": kind, **fields}, ensure_ascii=False) + "\n")


def stale(response) -> bool:
	"""Frappe's refusal of a save based on a version changed since (TimestampMismatchError)."""
	try:
		return response.json().get("exc_type") == "TimestampMismatchError"
	except ValueError:
		return False


class Agent(HttpUser):
	wait_time = between(*WAIT)

	def on_start(self):
		self.agent = next(AGENTS)
		self.client.headers.update({"Host": SITE, "X-Frappe-Site-Name": SITE, "Accept": "application/json"})
		self.saves = itertools.count(1)
		response = self.client.post("/api/method/login", data={"usr": self.agent["user"], "pwd": self.agent["password"]}, name="login")
		response.raise_for_status()

	@task(4)
	def list_tasks(self):
		self.client.get(
			"/api/method/frappe.client.get_list",
			params={
				"doctype": "Service Task",
				"fields": json.dumps(["name", "status", "priority", "problem_category", "unit", "response_by", "resolution_by"]),
				"filters": json.dumps({"status_category": "Open", "project": self.agent["project"]}),
				"order_by": "response_by asc",
				"limit_page_length": 20,
			},
			name="list open tasks",
		)

	@task(3)
	def open_task(self):
		self.client.get(
			"/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Service Task", "name": random.choice(self.agent["tasks"])},
			name="open a task",
		)

	@task(2)
	def edit_task(self):
		name = random.choice(self.agent["tasks"])
		opened = self.client.get(
			"/api/method/frappe.desk.form.load.getdoc", params={"doctype": "Service Task", "name": name}, name="open a task"
		)
		if not opened.ok:
			return
		doc = opened.json()["docs"][0]
		token = f"[{self.agent['user'].split('@')[0]}#{next(self.saves)}]"
		doc["description"] = f"{doc.get('description') or ''} {token}"
		with self.client.post(
			"/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(doc), "action": "Save"},
			name="save a task",
			catch_response=True,
		) as response:
			if response.ok:
				acknowledged("save", task=name, token=token)
			elif stale(response):  # changed by the other agent since it was opened: refused
				response.success()
				acknowledged("refused", task=name, token=token)

	@task(1)
	def record_reception(self):
		with self.client.post(
			"/api/resource/Service Reception",
			json={"channel": "Hotline 400", "unit": self.agent["unit"], "homeowner": self.agent["homeowner"],
				  "content": "客厅插座没电"},
			name="record a reception",
			catch_response=True,
		) as response:  # fmt: skip
			if not response.ok:
				return
			reception = response.json()["data"]["name"]
		with self.client.post(
			"/api/method/customer_service.api.service_desk.create_tasks",
			data={"reception": reception, "tasks": json.dumps(
				[{"task_type": "Repair", "problem_category": self.agent["category"], "priority": "Normal", "description": "插座没电"}]
			)},
			name="add its task",
			catch_response=True,
		) as response:  # fmt: skip
			if response.ok:
				acknowledged("reception", reception=reception, tasks=response.json()["message"])

	@task(1)
	def run_report(self):
		self.client.post(
			"/api/method/frappe.desk.query_report.run",
			data={"report_name": "Task Ageing", "filters": json.dumps({"project": self.agent["project"]})},
			name="run a report",
		)
