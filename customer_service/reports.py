"""What the app's Script Reports share.

- Every report reads through `frappe.read_only()` (`report`), so a site with `read_from_replica`
  serves it from the replica, and through `frappe.get_list`, so the one isolation rule of lists
  (`permissions.query_conditions`) decides which rows a user counts.
- Filters of the report become list filters (`list_filters`); values shown are translated
  (`label_of`), rates are percentages with one decimal (`rate`), the last row is the total
  (`total_row`), charts are Frappe charts (`chart`).
"""

from __future__ import annotations

import functools
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate, nowdate


def report(execute):
	"""The report's execute, on the read replica where one is configured, with its filters as a dict."""

	@functools.wraps(execute)
	@frappe.read_only()
	def run(filters=None):
		return execute(frappe._dict(frappe.parse_json(filters) if isinstance(filters, str) else filters or {}))

	return run


def script_report(columns, data, chart_of=None):
	"""The `execute` of a report: `columns(filters)`, `data(filters)` (its last row the total) and the
	chart of the rows above the total (`chart_of(rows)`)."""

	@report
	def execute(filters):
		rows = data(filters)
		return columns(filters), rows, None, chart_of(rows[:-1]) if chart_of else None

	return execute


def column(fieldname: str, label: str, fieldtype: str = "Int", width: int = 100, **extra) -> dict:
	"""A report column (`label` translated by the caller)."""
	return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **extra}


def date_range(filters, days: int = 90) -> tuple:
	"""The report's period: its From and To dates, else the last `days` days."""
	return getdate(filters.get("from_date") or add_days(nowdate(), -days)), getdate(filters.get("to_date") or nowdate())


def list_filters(filters, fields=("company", "project"), date_field: str | None = "creation", days: int = 90) -> dict:
	"""The list filters of the report's filters that are set (and its period on `date_field`)."""
	conditions = {field: filters.get(field) for field in fields if filters.get(field)}
	if date_field:
		start, end = date_range(filters, days)
		conditions[date_field] = ("between", [f"{start} 00:00:00", f"{end} 23:59:59"])
	return conditions


def sql_in(values) -> str:
	"""`(a, b)` of escaped values, for an aggregate field of frappe.get_list (`sum(x in (...))`)."""
	return "(" + ", ".join(frappe.db.escape(v) for v in values) + ")"


def chunks(values: list, size: int = 1000):
	"""`values` a thousand at a time, for `in` filters of many names."""
	for start in range(0, len(values), size):
		yield values[start : start + size]


def called_back_tasks(filters, fields=("company", "project"), days: int = 90) -> set[str]:
	"""The tasks whose callback is done, among those completed in the report's period: a task is
	called back after it was completed, so the callbacks done since the period began (one indexed
	range of revisits, never the period's task names in a list)."""
	start, _end = date_range(filters, days)
	return set(
		frappe.get_list(
			"Revisit",
			filters={**list_filters(filters, fields, date_field=None), "revisited_on": (">=", start), "status": "Done", "task": ("is", "set")},
			pluck="task",
			limit_page_length=0,
			ignore_ifnull=True,  # a range of the revisited_on index; a revisit not done has no date
		)
	)


def rate(part, whole) -> float:
	return round(100 * flt(part) / flt(whole), 1) if flt(whole) else 0.0


def label_of(value) -> str:
	"""A stored value as the user reads it (a state, a category, a type): translated."""
	return _(value) if value else _("Not Set")


def total_row(rows: list[dict], label_field: str, sums: tuple[str, ...], rates: dict | None = None) -> dict:
	"""The Total row: sums of `sums`, and each rate of `rates` ({field: (part field, whole field)})
	computed from the summed parts, not summed."""
	total = {label_field: _("Total"), "is_total_row": 1}
	for field in sums:
		total[field] = sum(flt(row.get(field)) for row in rows)
	for field, (part, whole) in (rates or {}).items():
		total[field] = rate(total.get(part), total.get(whole))
	return total


def chart(labels: list, datasets: dict[str, list], kind: str = "bar", stacked: bool = False, colors=None) -> dict | None:
	"""A Frappe chart of `datasets` ({translated name: values}) over `labels`."""
	if not labels:
		return None
	data = {"labels": [str(label) for label in labels], "datasets": [{"name": name, "values": values} for name, values in datasets.items()]}
	spec = {"data": data, "type": kind, "barOptions": {"stacked": 1 if stacked else 0}}
	if colors:
		spec["colors"] = colors
	return spec


def month_of(value) -> str:
	return getdate(value).strftime("%Y-%m")


def months_between(start, end) -> list[str]:
	"""Every month from start to end, as YYYY-MM."""
	months, day = [], getdate(start).replace(day=1)
	while day <= getdate(end):
		months.append(day.strftime("%Y-%m"))
		day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
	return months
