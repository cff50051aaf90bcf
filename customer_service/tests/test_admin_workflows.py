"""An admin shapes the process without code: new workflow states, with what they mean.

As an admin would, through the Workflow documents: "Waiting for Homeowner" (paused) and
"On-site Check" (open) join the task workflow, "Finance Review" (still pending approval) the
compensation workflow, "Awaiting Materials" (still at the contractor) the defect workflow.
Records move through them; the SLA clock, the workbench, the reports and the rules follow the
categories; a real `bench migrate` keeps the edits, the states and the records in them.
"""

from __future__ import annotations

import os
import subprocess
import sys

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from customer_service.escalation import escalate_overdue_tasks
from customer_service.settings import get_working_calendar
from customer_service.tests.factories import (
	rectify,
	attach_evidence,
	make_building,
	make_contractor,
	make_defect,
	make_homeowner,
	make_reception,
	make_round,
	make_task,
	make_unit,
	move,
)

ROLES = ("CS Agent", "CS Manager", "CS Engineer")
SKIP = ("name", "parent", "parentfield", "parenttype", "idx", "creation", "modified", "owner", "modified_by", "doctype")


def add_state(workflow, state: str, category: str, roles=ROLES, doc_status: str = "0"):
	if not frappe.db.exists("Workflow State", state):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state, "style": "Warning"}).insert()
	for role in roles:
		workflow.append(
			"states",
			{"state": state, "doc_status": doc_status, "allow_edit": role, "update_field": "status_category",
			 "update_value": category},
		)  # fmt: skip


def add_transition(workflow, state: str, action: str, next_state: str, roles=ROLES):
	if not frappe.db.exists("Workflow Action Master", action):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()
	for role in roles:
		workflow.append(
			"transitions",
			{"state": state, "action": action, "next_state": next_state, "allowed": role, "allow_self_approval": 1},
		)


def card(label: str, record: str | None = None) -> int:
	"""A number card's figure; with `record`, whether the card counts that record (1) or not (0)."""
	doc = frappe.get_doc("Number Card", label)
	filters = frappe.parse_json(doc.filters_json or "[]")
	if record:
		filters.append([doc.document_type, "name", "=", record, False])
	return get_result(doc, frappe.as_json(filters))


def run_migrate():
	"""`bench --site <site> migrate`, in its own process, as an upgrade would run it."""
	frappe.db.commit()
	subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site, "migrate"],
		cwd=os.path.abspath(frappe.local.sites_path),
		check=True,
		capture_output=True,
	)
	frappe.db.rollback()
	frappe.clear_cache()


class TestAdminShapesTheProcess(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.originals = {
			name: frappe.get_doc("Workflow", name).as_dict()
			for name in ("Service Task Workflow", "Compensation Workflow", "Inspection Defect Workflow")
		}

	@classmethod
	def tearDownClass(cls):
		for name, original in cls.originals.items():
			workflow = frappe.get_doc("Workflow", name)
			workflow.states, workflow.transitions = [], []
			for row in original["states"]:
				workflow.append("states", {k: v for k, v in row.items() if k not in SKIP})
			for row in original["transitions"]:
				workflow.append("transitions", {k: v for k, v in row.items() if k not in SKIP})
			workflow.save()
		frappe.db.commit()
		super().tearDownClass()

	def test_new_states_with_their_meaning_survive_migrate(self):
		# -- the admin edits the three workflows ----------------------------------------
		tasks = frappe.get_doc("Workflow", "Service Task Workflow")
		add_state(tasks, "Waiting for Homeowner", "Paused")
		add_state(tasks, "On-site Check", "Open")
		add_transition(tasks, "To Implement", "Wait for Homeowner", "Waiting for Homeowner")
		add_transition(tasks, "Waiting for Homeowner", "Homeowner Available", "On-site Check")
		add_transition(tasks, "On-site Check", "Complete", "Completed")
		tasks.save()

		compensations = frappe.get_doc("Workflow", "Compensation Workflow")
		add_state(compensations, "Finance Review", "Pending Approval", roles=("CS Administrator",))
		for row in compensations.transitions:
			if row.state == "Pending Approval" and row.action == "Approve":
				row.next_state = "Finance Review"  # approvals go to finance first
		add_transition(compensations, "Finance Review", "Approve", "Approved", roles=("CS Administrator",))
		compensations.save()

		defects = frappe.get_doc("Workflow", "Inspection Defect Workflow")
		add_state(defects, "Awaiting Materials", "Dispatched")
		add_transition(defects, "Dispatched", "Wait for Materials", "Awaiting Materials")
		add_transition(defects, "Awaiting Materials", "Mark Rectified", "Rectified", roles=(*ROLES, "Contractor"))
		defects.save()

		# -- a task waits for the homeowner: the clock stops for exactly that long --------
		unit = make_unit()
		homeowner = make_homeowner(units=[unit.name]).name
		task = make_task(
			make_reception(unit, homeowner=homeowner), responsible_user="Administrator", problem_category="线路短路跳闸"
		)
		with self.freeze_time("2026-11-23 09:30:00"):
			task = move(task, "Assign", "Reply", "Agree Solution")
		deadline = get_datetime(task.resolution_by)
		with self.freeze_time("2026-11-23 10:00:00"):
			task = move(task, "Wait for Homeowner")
		self.assertEqual((task.status, task.status_category), ("Waiting for Homeowner", "Paused"))
		self.assertEqual(card("Open Tasks", task.name), 1, "a paused task is still open work")
		with self.freeze_time("2026-11-30 10:00:00"):  # a week later, long past the old deadline
			escalate_overdue_tasks()
			task.reload()
			self.assertEqual((task.is_overdue, task.escalation_level), (0, 0), "a paused task is not overdue")
			self.assertEqual(card("Overdue Tasks", task.name), 0)
			task = move(task, "Homeowner Available")
		paused = get_working_calendar().working_hours_between(get_datetime("2026-11-23 10:00:00"), get_datetime("2026-11-30 10:00:00"))
		self.assertEqual(paused, 45)
		self.assertEqual(task.paused_working_hours, paused)
		self.assertEqual(get_datetime(task.resolution_by), get_working_calendar().add_working_hours(deadline, paused))
		self.assertEqual((task.status, task.status_category), ("On-site Check", "Open"))

		from customer_service.customer_service.report.sla_compliance.sla_compliance import execute

		_columns, rows, _message, _chart, _summary = execute({"from_date": "2026-01-01", "to_date": "2027-12-31", "group_by": "Task"})
		row = next(r for r in rows if r.name == task.name)
		self.assertEqual(row.status, "On-site Check")
		self.assertIsNotNone(row.hours_to_breach, "an open task counts down")
		attach_evidence(task)
		task = move(task, "Complete")
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "status_category"), "Completed")
		self.assertTrue(frappe.db.exists("Revisit", {"task": task.name, "status": "Open"}), "Completed means a callback is due")

		# -- a compensation in finance review still awaits approval ------------------------
		compensation = frappe.get_doc(
			{"doctype": "Compensation", "task": task.name, "compensation_type": "Cash", "amount": 300, "reason": "延误"}
		).insert()
		awaiting = card("Compensations Awaiting Approval")
		compensation = apply_workflow(compensation, "Submit for Approval")
		compensation = apply_workflow(compensation, "Approve")
		self.assertEqual((compensation.status, compensation.status_category, compensation.docstatus), ("Finance Review", "Pending Approval", 0))
		self.assertEqual(card("Compensations Awaiting Approval"), awaiting + 1)
		compensation = apply_workflow(compensation, "Approve")
		self.assertEqual((compensation.status_category, compensation.docstatus), ("Approved", 1))
		self.assertTrue(compensation.approved_on)

		# -- a defect waiting for materials is still open and still blocks ------------------
		building = make_building()
		defect_unit = make_unit(building)
		contractor = make_contractor([{"project": building.project}])
		defect = make_defect(make_round(building.project, [building.name]), defect_unit, contractor=contractor.name)
		defect.dispatch()
		defect = apply_workflow(frappe.get_doc("Inspection Defect", defect.name), "Wait for Materials")
		self.assertEqual((defect.status, defect.status_category), ("Awaiting Materials", "Dispatched"))
		self.assertIn(defect.name, frappe.get_all("Inspection Defect", {"status_category": ("in", ("To Dispatch", "Dispatched"))}, pluck="name"))
		rectify(defect)
		self.assertEqual(frappe.db.get_value("Service Task", defect.service_task, "status_category"), "Completed")

		# -- an upgrade keeps it all ----------------------------------------------------------
		waiting = make_task(make_reception(make_unit()), responsible_user="Administrator")
		waiting = move(waiting, "Assign", "Reply", "Agree Solution", "Wait for Homeowner")
		run_migrate()
		for name, state in (("Service Task Workflow", "Waiting for Homeowner"), ("Compensation Workflow", "Finance Review"),
							("Inspection Defect Workflow", "Awaiting Materials")):  # fmt: skip
			self.assertIn(state, {row.state for row in frappe.get_doc("Workflow", name).states}, name)
		self.assertEqual(
			frappe.db.get_value("Service Task", waiting.name, ["status", "status_category"]), ("Waiting for Homeowner", "Paused")
		)
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "status"), "Completed")
