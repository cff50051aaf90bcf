# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Task ageing (任务账龄): the open tasks of each responsible department by how many working days
they have been open (the working calendar of the settings: weekends, holidays, make-up days)."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from customer_service.reports import chart, column, label_of, list_filters, script_report, total_row
from customer_service.settings import get_working_calendar
from customer_service.state_categories import TASK_ACTIVE

# (fieldname, label, last working day of the bucket; None: no end)
BUCKETS = (("days_0_2", "0–2 Working Days", 2), ("days_3_5", "3–5 Working Days", 5),
		   ("days_6_10", "6–10 Working Days", 10), ("days_11_20", "11–20 Working Days", 20),
		   ("days_over_20", "Over 20 Working Days", None))  # fmt: skip


def get_columns(filters) -> list[dict]:
	return [
		column("department", _("Responsible Department"), "Data", 200),
		*(column(field, _(label), "Int", 120) for field, label, _end in BUCKETS),
		column("open_tasks", _("Open Tasks")),
		column("overdue", _("Overdue"), "Int", 90),
	]


def bucket_of(days: int) -> str:
	return next(field for field, _label, end in BUCKETS if end is None or days <= end)


def get_data(filters) -> list[dict]:
	conditions = list_filters(filters, ("company", "project", "problem_category", "responsible_department"), date_field=None)
	conditions["status_category"] = ("in", TASK_ACTIVE)
	tasks = frappe.get_list(
		"Service Task", filters=conditions, fields=["responsible_department", "creation", "is_overdue"], limit_page_length=0
	)
	calendar, today = get_working_calendar(), getdate(nowdate())
	by_department: dict[str, dict] = {}
	for task in tasks:
		key = task.responsible_department or ""
		row = by_department.setdefault(
			key, {"department": key or label_of(None), **{f: 0 for f, *_rest in BUCKETS}, "open_tasks": 0, "overdue": 0}
		)
		row[bucket_of(max(0, calendar.working_days_between(getdate(task.creation), today) - 1))] += 1
		row["open_tasks"] += 1
		row["overdue"] += task.is_overdue or 0
	rows = sorted(by_department.values(), key=lambda r: -r["open_tasks"])
	return [*rows, total_row(rows, "department", (*(f for f, *_rest in BUCKETS), "open_tasks", "overdue"))]


def get_chart(rows):
	return chart(
		[row["department"] for row in rows],
		{_(label): [row[field] for row in rows] for field, label, _end in BUCKETS},
		stacked=True,
	)


execute = script_report(get_columns, get_data, get_chart)
