# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Repeat and escalated problems (重复及升级问题): per unit and problem category, how many times it
was reported in the period, the highest ordinal of a report (2nd, 3rd…), the highest escalation
level reached and the escalations by reason — the problems the ladder (投诉上移制) climbed for."""

import frappe
from frappe import _

from customer_service.reports import chart, chunks, column, label_of, list_filters, script_report, sql_in, total_row
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
		*({"fieldname": reason_field(reason), "label": _(reason), "fieldtype": "Int", "width": 110} for reason in REASONS),
		column("open", _("Still Open"), "Int", 90),
		column("latest_task", _("Latest Task"), "Link", 150, options="Service Task"),
	]


def get_data(filters) -> list[dict]:
	"""The problems the ladder counted as repeats or climbed for: the units of the period's tasks
	with an ordinal above 1 or an escalation (two indexed ranges, not the period's hundreds of
	thousands of single reports), their tasks counted per unit and category by the database, and
	the escalations by reason of the escalated ones added to their rows."""
	conditions = list_filters(filters, ("company", "project", "problem_category"), days=365)
	conditions["unit"] = ("is", "set")
	units = frappe.get_list(
		"Service Task",
		filters=conditions,
		or_filters=[["repeat_count", ">", 1], ["escalation_level", ">", 0]],
		fields=["unit"],
		group_by="unit",
		pluck="unit",
		limit_page_length=0,
		ignore_ifnull=True,  # the ranges of the repeat_count and escalation_level indexes
	)
	rows: dict[tuple, dict] = {}
	for some_units in chunks(units):
		for group in problem_groups({**conditions, "unit": ("in", some_units)}):
			# a missing and an empty category are one group, as the list shows them
			row = rows.setdefault(
				(group.unit, group.problem_category or ""),
				{"unit": group.unit, "category": label_of(group.problem_category), "project": group.project, "reports": 0,
				 "highest_ordinal": 1, "highest_level": 0, "open": 0, "latest_task": "", **{reason_field(r): 0 for r in REASONS}},
			)  # fmt: skip
			row["reports"] += group.reports
			row["highest_ordinal"] = max(row["highest_ordinal"], group.highest_ordinal or 1)
			row["highest_level"] = max(row["highest_level"], group.highest_level or 0)
			row["open"] += int(group.open or 0)
			row["latest_task"] = max(row["latest_task"], group.latest_task or "")
	rows = {key: row for key, row in rows.items() if row["highest_ordinal"] > 1 or row["highest_level"] > 0}
	for row in rows.values():
		row["latest_task"] = row["latest_task"].lstrip("0")
	add_escalations(rows, conditions)
	result = sorted(rows.values(), key=lambda r: (-r["highest_level"], -r["reports"], r["unit"]))
	return [*result, total_row(result, "unit", ("reports", "open", *(reason_field(r) for r in REASONS)))]


def problem_groups(conditions: dict) -> list[dict]:
	"""The tasks of `conditions` counted per unit and problem category."""
	return frappe.get_list(
		"Service Task",
		filters=conditions,
		fields=[
			"unit", "problem_category", "max(project) as project", "count(*) as reports",
			"max(repeat_count) as highest_ordinal", "max(escalation_level) as highest_level",
			f"sum(status_category in {sql_in(TASK_ACTIVE)}) as open",
			# the latest name of a naming series: padded, so TASK-2026-100000 comes after TASK-2026-99999
			"max(lpad(name, 140, '0')) as latest_task",
		],
		group_by="unit, problem_category",
		limit_page_length=0,
	)  # fmt: skip


def reason_field(reason: str) -> str:
	return reason.lower().replace(" ", "_")


def add_escalations(rows: dict[tuple, dict], conditions: dict) -> None:
	"""Each escalated task's escalations, by reason, on its unit and category's row."""
	escalated = frappe.get_list(
		"Service Task",
		filters={**conditions, "escalation_level": (">", 0)},
		fields=["name", "unit", "problem_category"],
		limit_page_length=0,
	)
	place = {task.name: (task.unit, task.problem_category or "") for task in escalated}
	for names in chunks(sorted(place)):
		for row in frappe.get_list(
			"Service Escalation",
			filters={"task": ("in", names)},
			fields=["task", "reason", "count(*) as count"],
			group_by="task, reason",
			limit_page_length=0,
		):
			target = rows.get(place[row.task])
			if target and row.reason in REASONS:
				target[reason_field(row.reason)] += row.count


def get_chart(rows):
	levels = sorted({row["highest_level"] for row in rows})
	return chart([_("Level {0}").format(level) for level in levels], {_("Problems"): [sum(1 for r in rows if r["highest_level"] == level) for level in levels]})


execute = script_report(get_columns, get_data, get_chart)
