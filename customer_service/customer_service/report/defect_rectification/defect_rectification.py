# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Defect rectification per round and contractor (整改率): defects found, rectified (verified
included) and verified, the rate, the average working-calendar days from dispatch to
rectification, the rejections and the overdue ones still open."""

import frappe
from frappe import _

from customer_service.reports import chart, column, list_filters, rate, script_report, sql_in, total_row

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
	rectified = sql_in(RECTIFIED)
	# counted per round and contractor by the database (a year of a group's defects is 100k rows)
	groups = frappe.get_list(
		"Inspection Defect",
		filters=conditions,
		fields=[
			"inspection_round", "contractor", "count(*) as defects",
			f"sum(status_category in {rectified}) as rectified",
			"sum(status_category = 'Verified') as verified",
			"sum(rejection_count) as rejections",
			f"sum(is_overdue = 1 and status_category not in {rectified}) as overdue",
			"sum(datediff(rectified_on, dispatched_on)) as _days_sum",
			"sum(dispatched_on is not null and rectified_on is not null) as _days_n",
		],
		group_by="inspection_round, contractor",
		limit_page_length=0,
	)  # fmt: skip
	merged: dict[tuple, dict] = {}
	for group in groups:  # a missing and an empty contractor are one row
		row = merged.setdefault(
			(group.inspection_round, group.contractor or ""),
			{"inspection_round": group.inspection_round, "contractor": group.contractor or None, "defects": 0, "rectified": 0,
			 "verified": 0, "rejections": 0, "overdue": 0, "_days_sum": 0, "_days_n": 0},
		)  # fmt: skip
		for field in ("defects", "rectified", "verified", "rejections", "overdue", "_days_sum", "_days_n"):
			row[field] += int(group.get(field) or 0)
	rows = list(merged.values())
	for row in rows:
		row["rectification_rate"] = rate(row["rectified"], row["defects"])
		row["average_days"] = round(row["_days_sum"] / row["_days_n"], 1) if row["_days_n"] else None
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
