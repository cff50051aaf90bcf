"""Locust users of `make benchmark`'s concurrent-staff figure: CS agents of one company each,
working the desk over HTTP (no Frappe import: locust runs in its own virtualenv).

Each user logs in as one agent of the plan (`CS_LOCUST_PLAN`, a JSON list written by the figure)
and, with a think time between clicks (`CS_LOCUST_WAIT`, "min,max" seconds; "0,0" for the
single-user baseline), lists the company's open tasks, opens one, saves one of the tasks the
plan gave them alone, records a reception with a task, and now and then runs a report. Every
save and every reception the server acknowledged is appended to `CS_LOCUST_LOG` (JSON lines), so
the figure can check afterwards that none was lost.
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
	def save_task(self):
		name = random.choice(self.agent["tasks"])
		value = f"{self.agent['user']} #{next(self.saves)}"
		with self.client.put(f"/api/resource/Service Task/{name}", json={"description": value}, name="save a task", catch_response=True) as response:
			if response.ok:
				acknowledged("save", task=name, value=value)

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
