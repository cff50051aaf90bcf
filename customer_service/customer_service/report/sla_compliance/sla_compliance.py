# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""投诉处理及时率: response and resolution on time.

By default one row per project (or task type, or responsible department: "Group By"), counted by
the database over the tasks of the period, so a year of a group's tasks answers in a second or
two; "Task" lists each task with its ageing and the working hours left before it breaches.
"""

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, get_datetime, getdate, now_datetime, nowdate

from customer_service.reports import column, label_of, rate, report, sql_in, total_row
from customer_service.sla import hours_to_breach
from customer_service.state_categories import TASK_ACTIVE, TASK_DONE

GROUPS = {"Project": "project", "Task Type": "task_type", "Responsible Department": "responsible_department"}
FINISHED = ("Completed", "Closed")  # resolved: the resolution is on time or late
TRANSLATED = ("task_type",)  # group values shown translated


@report
def execute(filters):
	group_by = filters.get("group_by") or "Project"
	if group_by == "Task":
		rows = get_data(filters)
		return get_columns(), rows, None, None, get_summary(rows)
	rows = get_groups(filters, group_by)
	return group_columns(group_by), rows, None, None, group_summary(rows[-1])


def period_conditions(filters) -> dict:
	conditions = {"creation": ("between", [filters.from_date or add_days(nowdate(), -30), filters.to_date or nowdate()])}
	for field in ("company", "project", "task_type", "priority"):
		if filters.get(field):
			conditions[field] = filters.get(field)
	return conditions


# -- one row per group, counted by the database --------------------------------------


def group_columns(group_by: str) -> list[dict]:
	return [
		column("group", _(group_by), "Data", 200),
		column("tasks", _("Tasks")),
		column("response_on_time", _("Responded on Time"), "Int", 130),
		column("response_rate", _("Response on Time (%)"), "Percent", 150),
		column("finished", _("Resolved"), "Int", 90),
		column("resolution_on_time", _("Resolved on Time"), "Int", 120),
		column("resolution_rate", _("Resolution on Time (%)"), "Percent", 160),
		column("overdue", _("Overdue Tasks"), "Int", 110),
		column("escalated", _("Escalated Tasks"), "Int", 110),
	]


def get_groups(filters, group_by: str) -> list[dict]:
	"""The tasks of the period counted per group (one aggregate query through frappe.get_list). A
	task answered is on time when it responded (or, finished, completed) by its response deadline."""
	field = GROUPS.get(group_by, "project")
	finished, done, active = sql_in(FINISHED), sql_in(TASK_DONE), sql_in(TASK_ACTIVE)
	counts = frappe.get_list(
		"Service Task",
		filters=period_conditions(filters),
		fields=[
			f"`{field}` as `group`",
			"count(*) as tasks",
			"sum(responded_on <= response_by) as responded",
			f"sum(responded_on is null and status_category in {done} and completed_on <= response_by) as answered_by_completion",
			f"sum(status_category in {finished}) as finished",
			f"sum(status_category in {finished} and completed_on <= resolution_by) as resolution_on_time",
			f"sum(is_overdue = 1 and status_category in {active}) as overdue",
			"sum(escalation_level > 0) as escalated",
		],
		group_by=f"`{field}`",
		order_by="tasks desc",
		limit_page_length=0,
	)
	rows = []
	for row in counts:
		on_time = int(row.responded or 0) + int(row.answered_by_completion or 0)
		rows.append(
			{
				"group": (label_of(row.group) if field in TRANSLATED else row.group) or label_of(None),
				"tasks": row.tasks,
				"response_on_time": on_time,
				"response_rate": rate(on_time, row.tasks),
				"finished": int(row.finished or 0),
				"resolution_on_time": int(row.resolution_on_time or 0),
				"resolution_rate": rate(row.resolution_on_time, row.finished),
				"overdue": int(row.overdue or 0),
				"escalated": int(row.escalated or 0),
			}
		)
	rows.sort(key=lambda row: (-row["tasks"], str(row["group"])))  # the same order on every run (and replica)
	sums = ("tasks", "response_on_time", "finished", "resolution_on_time", "overdue", "escalated")
	rates = {"response_rate": ("response_on_time", "tasks"), "resolution_rate": ("resolution_on_time", "finished")}
	return [*rows, total_row(rows, "group", sums, rates)]


def group_summary(total: dict) -> list[dict]:
	return [
		{"label": _("Tasks"), "value": total["tasks"], "datatype": "Int"},
		{"label": _("Response on Time"), "value": total["response_rate"], "datatype": "Percent"},
		{"label": _("Resolution on Time"), "value": total["resolution_rate"], "datatype": "Percent"},
		{"label": _("Overdue Tasks"), "value": total["overdue"], "datatype": "Int", "indicator": "Red"},
	]


# -- one row per task -----------------------------------------------------------------


def get_columns() -> list[dict]:
	return [
		{"fieldname": "name", "label": _("Task"), "fieldtype": "Link", "options": "Service Task", "width": 150},
		{"fieldname": "task_type", "label": _("Task Type"), "fieldtype": "Data", "width": 110},
		{"fieldname": "priority", "label": _("Priority"), "fieldtype": "Data", "width": 90},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "project", "label": _("Project"), "fieldtype": "Link", "options": "Property Project", "width": 120},
		{"fieldname": "responsible_user", "label": _("Responsible User"), "fieldtype": "Link", "options": "User", "width": 150},
		{"fieldname": "response_on_time", "label": _("Responded on Time"), "fieldtype": "Check", "width": 110},
		{"fieldname": "resolution_on_time", "label": _("Resolved on Time"), "fieldtype": "Check", "width": 110},
		{"fieldname": "hours_to_breach", "label": _("Working Hours to Breach"), "fieldtype": "Float", "precision": 1, "width": 150},
		{"fieldname": "age_days", "label": _("Age (Days)"), "fieldtype": "Int", "width": 90},
		{"fieldname": "escalation_level", "label": _("Escalation Level"), "fieldtype": "Int", "width": 110},
	]


def get_data(filters) -> list[dict]:
	tasks = frappe.get_list(
		"Service Task",
		filters=period_conditions(filters),
		fields=[
			"name", "task_type", "priority", "status", "status_category", "project", "responsible_user", "creation",
			"escalation_level",
			"response_by", "responded_on", "resolution_by", "completed_on", "is_overdue", "paused_since",
		],
		order_by="creation desc",
		limit_page_length=0,
	)  # fmt: skip
	now = now_datetime()
	for task in tasks:
		done = task.status_category in TASK_DONE
		answered = task.responded_on or (task.completed_on if done else None)
		task.response_on_time = int(bool(answered and task.response_by and get_datetime(answered) <= get_datetime(task.response_by)))
		task.resolution_on_time = int(
			bool(task.completed_on and task.resolution_by and get_datetime(task.completed_on) <= get_datetime(task.resolution_by))
		)
		task.hours_to_breach = None if done else hours_to_breach(task, now)
		task.age_days = date_diff(getdate(task.completed_on or now), getdate(task.creation))
		task.task_type, task.priority, task.status = _(task.task_type), _(task.priority), _(task.status)
	return tasks


def get_summary(rows: list[dict]) -> list[dict]:
	finished = [r for r in rows if r.status_category in FINISHED]

	def rate(part, whole):
		return round(100 * part / whole, 1) if whole else 0

	return [
		{"label": _("Tasks"), "value": len(rows), "datatype": "Int"},
		{"label": _("Response on Time"), "value": rate(sum(r.response_on_time for r in rows), len(rows)), "datatype": "Percent"},
		{
			"label": _("Resolution on Time"),
			"value": rate(sum(r.resolution_on_time for r in finished), len(finished)),
			"datatype": "Percent",
		},
		{"label": _("Overdue Tasks"), "value": sum(1 for r in rows if r.is_overdue and r.status_category not in TASK_DONE), "datatype": "Int", "indicator": "Red"},
	]
