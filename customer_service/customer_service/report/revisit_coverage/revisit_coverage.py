# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Revisit coverage (回访覆盖率) per project: the tasks completed in the period that got their
callback ÷ all of them (waived ones apart), and the scheduled revisits due in the period — done,
done by their due date, still open past it."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from customer_service.reports import called_back_tasks, chart, column, list_filters, rate, script_report, total_row
from customer_service.setup.rules import TASK_CALLBACK


def get_columns(filters) -> list[dict]:
	return [
		column("project", _("Project"), "Link", 150, options="Property Project"),
		column("completed", _("Completed Tasks"), "Int", 110),
		column("called_back", _("Called Back")),
		column("waived", _("Callback Waived"), "Int", 110),
		column("coverage", _("Callback Coverage (%)"), "Percent", 130, precision=1),
		column("scheduled", _("Scheduled Revisits Due"), "Int", 140),
		column("scheduled_done", _("Done"), "Int", 70),
		column("on_time", _("Done on Time")),
		column("on_time_rate", _("On Time (%)"), "Percent", 100, precision=1),
		column("past_due", _("Open Past Due"), "Int", 110),
	]


def get_data(filters) -> list[dict]:
	fields = ("company", "project")
	tasks = frappe.get_list(
		"Service Task",
		filters={**list_filters(filters, fields, date_field="completed_on"), "status_category": ("in", ("Completed", "Closed"))},
		fields=["name", "project", "revisit_waived"],
		limit_page_length=0,
	)
	called = called_back_tasks(filters, fields)
	scheduled = frappe.get_list(
		"Revisit",
		filters={**list_filters(filters, fields, date_field="due_date"), "revisit_type": ("!=", TASK_CALLBACK)},
		fields=["project", "status", "due_date", "revisited_on"],
		limit_page_length=0,
	)
	today = getdate(nowdate())
	rows: dict[str, dict] = {}

	def row_of(project):
		return rows.setdefault(project or "", {"project": project, "completed": 0, "called_back": 0, "waived": 0, "scheduled": 0,
											   "scheduled_done": 0, "on_time": 0, "past_due": 0})  # fmt: skip

	for task in tasks:
		row = row_of(task.project)
		if task.revisit_waived:
			row["waived"] += 1
			continue
		row["completed"] += 1
		row["called_back"] += task.name in called
	for revisit in scheduled:
		row = row_of(revisit.project)
		row["scheduled"] += 1
		done = revisit.status == "Done"
		row["scheduled_done"] += done
		row["on_time"] += bool(done and revisit.revisited_on and getdate(revisit.revisited_on) <= getdate(revisit.due_date))
		row["past_due"] += bool(not done and getdate(revisit.due_date) < today)
	result = sorted(rows.values(), key=lambda r: r["project"] or "")
	for row in result:
		row["coverage"] = rate(row["called_back"], row["completed"])
		row["on_time_rate"] = rate(row["on_time"], row["scheduled"])
	return [*result, total_row(result, "project", ("completed", "called_back", "waived", "scheduled", "scheduled_done", "on_time", "past_due"),
							   {"coverage": ("called_back", "completed"), "on_time_rate": ("on_time", "scheduled")})]  # fmt: skip


def get_chart(rows):
	return chart(
		[row["project"] or _("Not Set") for row in rows],
		{_("Callback Coverage (%)"): [row["coverage"] for row in rows], _("On Time (%)"): [row["on_time_rate"] for row in rows]},
	)


execute = script_report(get_columns, get_data, get_chart)
