# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Compensation summary (补偿汇总): compensations of the period grouped by type, project, approver or
status (category), with their count and amounts — asked, approved and paid."""

import frappe
from frappe import _

from customer_service.reports import chart, column, label_of, list_filters, script_report, total_row

GROUPS = {"Compensation Type": "compensation_type", "Project": "project", "Approver": "approved_by", "Status": "status_category"}
APPROVED = ("Approved", "Paid")


def get_columns(filters) -> list[dict]:
	return [
		column("group", _(filters.get("group_by") or "Compensation Type"), "Data", 170),
		column("count", _("Compensations"), "Int", 110),
		column("amount", _("Amount Asked"), "Currency", 130),
		column("approved_count", _("Approved"), "Int", 90),
		column("approved_amount", _("Amount Approved"), "Currency", 130),
		column("paid_amount", _("Amount Paid"), "Currency", 130),
	]


def get_data(filters) -> list[dict]:
	group = GROUPS.get(filters.get("group_by") or "Compensation Type", "compensation_type")
	conditions = list_filters(filters, ("company", "project", "compensation_type"))
	conditions["docstatus"] = ("<", 2)
	rows: dict[str, dict] = {}
	for c in frappe.get_list(
		"Compensation", filters=conditions, fields=["compensation_type", "project", "approved_by", "status_category", "amount"],
		limit_page_length=0,
	):  # fmt: skip
		key = c.get(group) or ""
		shown = label_of(key) if group in ("compensation_type", "status_category") else key or label_of(None)
		row = rows.setdefault(key, {"group": shown, "count": 0, "amount": 0, "approved_count": 0, "approved_amount": 0, "paid_amount": 0})
		row["count"] += 1
		row["amount"] += c.amount or 0
		if c.status_category in APPROVED:
			row["approved_count"] += 1
			row["approved_amount"] += c.amount or 0
		if c.status_category == "Paid":
			row["paid_amount"] += c.amount or 0
	result = sorted(rows.values(), key=lambda r: -r["amount"])
	return [*result, total_row(result, "group", ("count", "amount", "approved_count", "approved_amount", "paid_amount"))]


def get_chart(rows):
	return chart(
		[row["group"] for row in rows],
		{_("Amount Approved"): [row["approved_amount"] for row in rows], _("Amount Paid"): [row["paid_amount"] for row in rows]},
	)


execute = script_report(get_columns, get_data, get_chart)
