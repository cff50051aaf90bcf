"""The contractor's portal: the defects and tasks dispatched to them, and marking them rectified."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import workflow
from frappe.utils import getdate

from customer_service.portal.access import NotYoursError, clean, contractor_scope
from customer_service.portal.homeowner import check_day
from customer_service.portal.photos import attach, check_photos
from customer_service.state_categories import TASK_ACTIVE, TASK_DONE, category_of

def work_filters(project=None, status=None, due_before=None, name=None) -> tuple[dict, dict]:
	"""Filters of the contractor's defects and of their tasks: what was dispatched to them (defects
	past To Dispatch, tasks that left their first state; a defect's own task is the defect)."""
	contractors = list(contractor_scope().contractors)
	defects = {"contractor": ("in", contractors), "status_category": ("!=", "To Dispatch")}
	tasks = {"contractor": ("in", contractors), "inspection_defect": ("is", "not set"), "dispatched_on": ("is", "set")}
	if name:
		defects["name"] = tasks["name"] = name
	if project:
		defects["project"] = tasks["project"] = project
	if status == "open":
		defects["status_category"] = "Dispatched"
		tasks["status_category"] = ("in", TASK_ACTIVE)
	elif status == "done":
		defects["status_category"] = ("in", ("Rectified", "Verified"))
		tasks["status_category"] = ("in", TASK_DONE)
	if due_before:
		day = check_day(due_before)
		defects["rectify_by"] = ("<=", day)
		tasks["resolution_by"] = ("<=", f"{day} 23:59:59")
	return defects, tasks


def my_work(project: str | None = None, status: str | None = None, due_before: str | None = None) -> list[dict]:
	"""Defects and tasks dispatched to the contractor, overdue first, then open ones, by due date."""
	defects, tasks = work_filters(project, status, due_before)
	return sorted(
		work_items(defects, tasks), key=lambda i: (not i["is_overdue"], not i["open"], i["due"] or getdate("2999-12-31"))
	)


def my_work_item(doctype: str, name: str) -> dict:
	"""One defect or task dispatched to the contractor; refused when it is not theirs."""
	defects, tasks = work_filters(name=name or "")
	items = work_items(defects if doctype == "Inspection Defect" else None, tasks if doctype == "Service Task" else None)
	if not items:
		frappe.throw(_("{0} {1} is not dispatched to you").format(_(doctype or ""), name or ""), title=_("Not Yours"), exc=NotYoursError)
	return items[0]


def my_projects() -> list[str]:
	defects, tasks = work_filters()
	projects = set(frappe.get_all("Inspection Defect", filters=defects, pluck="project", distinct=True))
	projects |= set(frappe.get_all("Service Task", filters=tasks, pluck="project", distinct=True))
	return sorted(p for p in projects if p)


def work_items(defects: dict | None, tasks: dict | None) -> list[dict]:
	"""The contractor's defects and tasks matching the filters (None: none of that kind)."""
	items = []
	if defects is not None:
		for d in frappe.get_all(
			"Inspection Defect",
			filters=defects,
			fields=["name", "unit", "project", "problem_category", "location", "description", "status",
					"status_category", "rectify_by", "is_overdue", "rejection_count", "rejection_reason"],
		):  # fmt: skip
			items.append(
				{**d, "doctype": "Inspection Defect", "due": getdate(d.rectify_by) if d.rectify_by else None,
				 "open": d.status_category == "Dispatched"}
			)  # fmt: skip
	if tasks is not None:
		for t in frappe.get_all(
			"Service Task",
			filters=tasks,
			fields=["name", "unit", "project", "problem_category", "description", "status", "status_category",
					"resolution_by", "is_overdue"],
		):  # fmt: skip
			items.append(
				{**t, "doctype": "Service Task", "due": getdate(t.resolution_by) if t.resolution_by else None,
				 "open": t.status_category in TASK_ACTIVE, "rejection_count": 0}
			)  # fmt: skip
	for item in items:
		item["status_label"] = _(item["status"])
		item["category_label"] = _(item.get("problem_category") or "")
	return items


def mark_rectified(doctype: str, name: str, note: str, photos=None) -> None:
	"""The contractor's rectification: a note and photos (required), then the workflow's move into
	Rectified (a defect) or Completed (a task). The move is the contractor's — the workflow's
	transitions for their role decide — and the system saves it (they have no write right)."""
	if doctype not in ("Inspection Defect", "Service Task"):
		frappe.throw(_("Only defects and tasks are rectified here"), title=_("Not Allowed"))
	item = my_work_item(doctype, name)
	if not item["open"]:
		frappe.throw(_("{0} {1} is {2}: nothing to rectify").format(_(doctype), name, item["status_label"]), title=_("Not Allowed"))
	note = clean(note, required=True, label="Rectification Note")
	files = check_photos(photos)
	if not files:
		frappe.throw(_("Attach at least one photo of the rectification"), title=_("Photo Missing"))
	field = "rectification_photo" if doctype == "Inspection Defect" else "completion_evidence"
	attach(files, doctype, name, field)
	first_url = frappe.db.get_value("File", files[0], "file_url")
	doc = frappe.get_doc(doctype, name)
	doc.flags.ignore_permissions = True
	if doctype == "Inspection Defect":
		doc.rectify(note, first_url)
		return
	doc.solution, doc.completion_evidence = note, first_url
	for transition in workflow.get_transitions(doc):
		if category_of(doctype, transition["next_state"]) == "Completed":
			doc.db_set({"solution": note, "completion_evidence": first_url})
			workflow.apply_workflow(doc, transition["action"])
			return
	frappe.throw(_("Task {0} cannot be completed now ({1})").format(name, _(doc.status)), title=_("Not Allowed"))
