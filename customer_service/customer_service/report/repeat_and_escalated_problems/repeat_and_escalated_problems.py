# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Repeat and escalated problems (重复及升级问题): per unit and problem category, how many times it
was reported in the period, the highest ordinal of a report (2nd, 3rd…), the highest escalation
level reached and the escalations by reason — the problems the ladder (投诉上移制) climbed for."""

import frappe
from frappe import _

from customer_service.reports import chart, column, label_of, list_filters, script_report, total_row
from customer_service.state_categories import TASK_ACTIVE

REASONS = ("Repeat Report", "Overdue", "Dissatisfied Callback", "Manual")


def get_columns(filters) -> list[dict]:
	return [
		column("unit", _("Unit"), "Link", 180, options="Property Unit"),
		column("category", _("Problem Category"), "Data", 140),
		column("project", _("Project"), "Link", 120, options="Property Project"),
		column("reports", _("Times Reported"), "Int", 90),
		column("highest_ordinal", _("Highest Report Ordinal"), "Int", 130),
		column("highest_level", _("Highest Escalation Level"), "Int", 140),
		*({"fieldname": reason.lower().replace(" ", "_"), "label": _(reason), "fieldtype": "Int", "width": 110} for reason in REASONS),
		column("open", _("Still Open"), "Int", 90),
		column("latest_task", _("Latest Task"), "Link", 150, options="Service Task"),
	]


def get_data(filters) -> list[dict]:
	conditions = list_filters(filters, ("company", "project", "problem_category"), days=365)
	conditions["unit"] = ("is", "set")
	tasks = frappe.get_list(
		"Service Task",
		filters=conditions,
		fields=["name", "unit", "project", "problem_category", "repeat_count", "escalation_level", "status_category", "creation"],
		order_by="creation asc",
		limit_page_length=0,
	)
	escalations: dict[str, dict] = {}
	names = [t.name for t in tasks if t.escalation_level]
	for row in frappe.get_list("Service Escalation", filters={"task": ("in", names or [""])}, fields=["task", "reason"], limit_page_length=0):
		escalations.setdefault(row.task, {}).setdefault(row.reason, 0)
		escalations[row.task][row.reason] += 1
	groups: dict[tuple, dict] = {}
	for task in tasks:
		row = groups.setdefault(
			(task.unit, task.problem_category or ""),
			{"unit": task.unit, "category": label_of(task.problem_category), "project": task.project, "reports": 0,
			 "highest_ordinal": 0, "highest_level": 0, "open": 0, **{r.lower().replace(" ", "_"): 0 for r in REASONS}},
		)  # fmt: skip
		row["reports"] += 1
		row["highest_ordinal"] = max(row["highest_ordinal"], task.repeat_count or 1)
		row["highest_level"] = max(row["highest_level"], task.escalation_level or 0)
		row["open"] += task.status_category in TASK_ACTIVE
		row["latest_task"] = task.name
		for reason, count in escalations.get(task.name, {}).items():
			row[reason.lower().replace(" ", "_")] += count
	rows = [r for r in groups.values() if r["reports"] > 1 or r["highest_ordinal"] > 1 or r["highest_level"] > 0]
	rows.sort(key=lambda r: (-r["highest_level"], -r["reports"]))
	return [*rows, total_row(rows, "unit", ("reports", "open", *(r.lower().replace(" ", "_") for r in REASONS)))]


def get_chart(rows):
	levels = sorted({row["highest_level"] for row in rows})
	return chart([_("Level {0}").format(level) for level in levels], {_("Problems"): [sum(1 for r in rows if r["highest_level"] == level) for level in levels]})


execute = script_report(get_columns, get_data, get_chart)
