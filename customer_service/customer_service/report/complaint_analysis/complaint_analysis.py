# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Complaints by problem category, project or contractor (投诉分析): the top N of the period, with
their count per month (the trend) and how many are still open."""

import frappe
from frappe import _
from frappe.utils import cint

from customer_service.reports import chart, column, date_range, label_of, list_filters, month_of, months_between, script_report, total_row
from customer_service.state_categories import TASK_ACTIVE

DIMENSIONS = {"Problem Category": "problem_category", "Project": "project", "Contractor": "contractor"}


def months_of(filters) -> list[str]:
	return months_between(*date_range(filters, days=180))


def get_columns(filters) -> list[dict]:
	months = months_of(filters)
	group_by = filters.get("group_by") or "Problem Category"
	return [
		column("group", _(group_by), "Data", 200),
		column("complaints", _("Complaints")),
		column("open", _("Still Open"), "Int", 90),
		*(column(f"m_{m.replace('-', '_')}", m, "Int", 80) for m in months),
	]


def get_data(filters) -> list[dict]:
	dimension = DIMENSIONS.get(filters.get("group_by") or "Problem Category", "problem_category")
	months = months_of(filters)
	conditions = list_filters(filters, ("company", "project", "problem_category", "contractor"), days=180)
	conditions["task_type"] = "Complaint"
	tasks = frappe.get_list(
		"Service Task", filters=conditions, fields=[dimension, "creation", "status_category"], limit_page_length=0
	)
	groups: dict[str, dict] = {}
	for task in tasks:
		key = task.get(dimension) or ""
		row = groups.setdefault(key, {"group": label_of(key) if dimension == "problem_category" else key or label_of(None),
									   "complaints": 0, "open": 0, **{f"m_{m.replace('-', '_')}": 0 for m in months}})  # fmt: skip
		row["complaints"] += 1
		row["open"] += task.status_category in TASK_ACTIVE
		month = f"m_{month_of(task.creation).replace('-', '_')}"
		if month in row:
			row[month] += 1
	top = sorted(groups.values(), key=lambda r: -r["complaints"])[: cint(filters.get("top_n")) or 10]
	return [*top, total_row(top, "group", ("complaints", "open", *(f"m_{m.replace('-', '_')}" for m in months)))]


def get_chart(rows):
	months = sorted(k[2:].replace("_", "-") for k in (rows[0] if rows else {}) if k.startswith("m_"))
	return chart(months, {row["group"]: [row[f"m_{m.replace('-', '_')}"] for m in months] for row in rows[:5]}, kind="line")


execute = script_report(get_columns, get_data, get_chart)
