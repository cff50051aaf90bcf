# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Satisfaction rate (满意度): the callbacks and revisits answered in the period, by month, project
or task type — satisfied (very satisfied and satisfied) ÷ answered — and the callback rate of the
tasks completed in the period against its target of 100% (every completed task is called back)."""

import frappe
from frappe import _

from customer_service.reports import called_back_tasks, chart, chunks, column, label_of, list_filters, month_of, rate, script_report, total_row

SATISFIED = ("Very Satisfied", "Satisfied")
DISSATISFIED = ("Dissatisfied", "Very Dissatisfied")
CALLBACK_TARGET = 100.0
GROUPS = {"Month": "month", "Project": "project", "Task Type": "task_type"}


def get_columns(filters) -> list[dict]:
	return [
		column("group", _(filters.get("group_by") or "Month"), "Data", 150),
		column("answered", _("Answered"), "Int", 90),
		column("satisfied", _("Satisfied"), "Int", 90),
		column("neutral", _("Neutral"), "Int", 80),
		column("dissatisfied", _("Dissatisfied"), "Int", 90),
		column("satisfaction_rate", _("Satisfaction Rate (%)"), "Percent", 130, precision=1),
		column("completed", _("Completed Tasks"), "Int", 110),
		column("called_back", _("Called Back")),
		column("callback_rate", _("Callback Rate (%)"), "Percent", 120, precision=1),
		column("callback_target", _("Callback Target (%)"), "Percent", 120, precision=1),
	]


def task_types(names) -> dict:
	"""The task type of each task (grouping by task type), a thousand names per query."""
	types = {}
	for chunk in chunks(sorted(names)):
		types.update(frappe.get_list("Service Task", filters={"name": ("in", chunk)}, fields=["name", "task_type"], as_list=True))
	return types


def get_data(filters) -> list[dict]:
	group = GROUPS.get(filters.get("group_by") or "Month", "month")
	fields = ("company", "project")
	revisits = frappe.get_list(
		"Revisit",
		filters={**list_filters(filters, fields, date_field="revisited_on", days=180), "status": "Done", "satisfaction": ("is", "set")},
		fields=["task", "project", "satisfaction", "revisited_on"],
		limit_page_length=0,
	)
	completed = frappe.get_list(
		"Service Task",
		filters={**list_filters(filters, fields, date_field="completed_on", days=180), "status_category": ("in", ("Completed", "Closed"))},
		fields=["name", "project", "task_type", "completed_on", "revisit_waived"],
		limit_page_length=0,
	)
	called_back = called_back_tasks(filters, fields, days=180)
	types = task_types({r.task for r in revisits if r.task}) if group == "task_type" else {}

	def key_of(project, task_type, when):
		return {"month": month_of(when), "project": project or "", "task_type": label_of(task_type)}[group]

	rows: dict[str, dict] = {}

	def row_of(key):
		return rows.setdefault(key, {"group": key or label_of(None), "by_month": group == "month", "answered": 0, "satisfied": 0, "neutral": 0, "dissatisfied": 0,
									 "completed": 0, "called_back": 0, "callback_target": CALLBACK_TARGET})  # fmt: skip

	for r in revisits:
		row = row_of(key_of(r.project, types.get(r.task), r.revisited_on))
		row["answered"] += 1
		row["satisfied"] += r.satisfaction in SATISFIED
		row["neutral"] += r.satisfaction == "Neutral"
		row["dissatisfied"] += r.satisfaction in DISSATISFIED
	for t in completed:
		if t.revisit_waived:
			continue
		row = row_of(key_of(t.project, t.task_type, t.completed_on))
		row["completed"] += 1
		row["called_back"] += t.name in called_back
	result = sorted(rows.values(), key=lambda r: r["group"])
	for row in result:
		row["satisfaction_rate"] = rate(row["satisfied"], row["answered"])
		row["callback_rate"] = rate(row["called_back"], row["completed"])
	total = total_row(result, "group", ("answered", "satisfied", "neutral", "dissatisfied", "completed", "called_back"),
					  {"satisfaction_rate": ("satisfied", "answered"), "callback_rate": ("called_back", "completed")})  # fmt: skip
	total["callback_target"] = CALLBACK_TARGET
	return [*result, total]


def get_chart(rows):
	return chart(
		[row["group"] for row in rows],
		{_("Satisfaction Rate (%)"): [row["satisfaction_rate"] for row in rows],
		 _("Callback Rate (%)"): [row["callback_rate"] for row in rows],
		 _("Callback Target (%)"): [CALLBACK_TARGET for _row in rows]},
		kind="line" if rows and rows[0].get("by_month") else "bar",
	)  # fmt: skip


execute = script_report(get_columns, get_data, get_chart)
