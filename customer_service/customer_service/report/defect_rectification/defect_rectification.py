# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Defect rectification per round and contractor (整改率): defects found, rectified (verified
included) and verified, the rate, the average working-calendar days from dispatch to
rectification, the rejections and the overdue ones still open."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate

from customer_service.reports import chart, column, list_filters, rate, script_report, total_row

RECTIFIED = ("Rectified", "Verified")


def get_columns(filters) -> list[dict]:
	return [
		column("inspection_round", _("Inspection Round"), "Link", 170, options="Inspection Round"),
		column("contractor", _("Contractor"), "Link", 180, options="Contractor"),
		column("defects", _("Defects"), "Int", 80),
		column("rectified", _("Rectified"), "Int", 90),
		column("verified", _("Verified"), "Int", 90),
		column("rectification_rate", _("Rectification Rate (%)"), "Percent", 130, precision=1),
		column("average_days", _("Average Days to Rectify"), "Float", 140, precision=1),
		column("rejections", _("Rejections"), "Int", 90),
		column("overdue", _("Overdue"), "Int", 80),
	]


def get_data(filters) -> list[dict]:
	conditions = list_filters(filters, ("project", "inspection_round", "contractor", "problem_category"), days=365)
	if filters.get("company"):
		conditions["project"] = ("in", frappe.get_list("Property Project", {"company": filters.company}, pluck="name") or [""])
	defects = frappe.get_list(
		"Inspection Defect",
		filters=conditions,
		fields=["inspection_round", "contractor", "status_category", "dispatched_on", "rectified_on", "rejection_count", "is_overdue"],
		limit_page_length=0,
	)
	groups: dict[tuple, dict] = {}
	for d in defects:
		row = groups.setdefault(
			(d.inspection_round, d.contractor or ""),
			{"inspection_round": d.inspection_round, "contractor": d.contractor, "defects": 0, "rectified": 0, "verified": 0,
			 "rejections": 0, "overdue": 0, "_days": []},
		)  # fmt: skip
		row["defects"] += 1
		row["rectified"] += d.status_category in RECTIFIED
		row["verified"] += d.status_category == "Verified"
		row["rejections"] += d.rejection_count or 0
		row["overdue"] += bool(d.is_overdue and d.status_category not in RECTIFIED)
		if d.dispatched_on and d.rectified_on:
			row["_days"].append(date_diff(getdate(d.rectified_on), getdate(d.dispatched_on)))
	rows = []
	for row in groups.values():
		days = row.pop("_days")
		row["rectification_rate"] = rate(row["rectified"], row["defects"])
		row["average_days"] = round(sum(days) / len(days), 1) if days else None
		row["_days_sum"], row["_days_n"] = sum(days), len(days)
		rows.append(row)
	rows.sort(key=lambda r: (r["inspection_round"] or "", r["rectification_rate"]))
	total = total_row(rows, "inspection_round", ("defects", "rectified", "verified", "rejections", "overdue"),
					  {"rectification_rate": ("rectified", "defects")})  # fmt: skip
	n = sum(r.pop("_days_n") for r in rows)
	total["average_days"] = round(sum(r.pop("_days_sum") for r in rows) / n, 1) if n else None
	return [*rows, total]


def get_chart(rows):
	return chart(
		[f"{row['inspection_round']} · {row['contractor'] or _('Not Set')}" for row in rows],
		{_("Rectification Rate (%)"): [row["rectification_rate"] for row in rows]},
	)


execute = script_report(get_columns, get_data, get_chart)
