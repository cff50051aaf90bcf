# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Penalty ledger (罚款台账): penalties and chargebacks booked in the period, by party, reason or
escalation level, with the contractors' retention (质保金) and what is left of it."""

import frappe
from frappe import _

from customer_service.reports import chart, column, label_of, list_filters, script_report, total_row

GROUPS = {"Party": "party", "Reason": "reason", "Level": "level"}


def group_of(filters) -> str:
	return GROUPS.get(filters.get("group_by") or "Party", "party")


def get_columns(filters) -> list[dict]:
	group = group_of(filters)
	columns = [column("group", _(filters.get("group_by") or "Party"), "Data", 200)]
	if group == "party":
		columns.append(column("party_type", _("Party Type"), "Data", 120))
	columns += [
		column("entries", _("Entries Booked"), "Int", 80),
		column("penalties", _("Penalties"), "Currency", 120),
		column("chargebacks", _("Chargebacks"), "Currency", 120),
		column("total", _("Total Booked"), "Currency", 120),
	]
	if group == "party":
		columns += [
			column("retention_amount", _("Retention Amount"), "Currency", 120),
			column("retention_balance", _("Retention Balance"), "Currency", 130),
		]
	return columns


def get_data(filters) -> list[dict]:
	group = group_of(filters)
	conditions = list_filters(filters, ("company", "project", "party_type", "penalty_type"), date_field="posting_date", days=365)
	rows: dict = {}
	for p in frappe.get_list(
		"Service Penalty", filters=conditions, fields=["party_type", "party", "reason", "level", "penalty_type", "amount"],
		limit_page_length=0,
	):  # fmt: skip
		key = (p.party_type, p.party) if group == "party" else p.get(group)
		shown = p.party if group == "party" else (_("Level {0}").format(p.level) if group == "level" else p.reason or label_of(None))
		row = rows.setdefault(key, {"group": shown, "party_type": label_of(p.party_type), "entries": 0, "penalties": 0, "chargebacks": 0,
									"total": 0, "_party": key})  # fmt: skip
		row["entries"] += 1
		row["chargebacks" if p.penalty_type == "Chargeback" else "penalties"] += p.amount or 0
		row["total"] += p.amount or 0
	result = sorted(rows.values(), key=lambda r: -r["total"])
	contractors = [r["_party"][1] for r in result if group == "party" and r["_party"][0] == "Contractor"]
	retention = {
		c.name: c
		for c in frappe.get_list("Contractor", filters={"name": ("in", contractors or [""])},
								 fields=["name", "retention_amount", "retention_balance"], limit_page_length=0)
	}  # fmt: skip
	for row in result:
		party = row.pop("_party")
		if group == "party" and party[0] == "Contractor" and party[1] in retention:
			row["retention_amount"] = retention[party[1]].retention_amount
			row["retention_balance"] = retention[party[1]].retention_balance
	return [*result, total_row(result, "group", ("entries", "penalties", "chargebacks", "total"))]


def get_chart(rows):
	top = rows[:10]
	return chart([row["group"] for row in top], {_("Penalties"): [row["penalties"] for row in top],
												 _("Chargebacks"): [row["chargebacks"] for row in top]}, stacked=True)  # fmt: skip


execute = script_report(get_columns, get_data, get_chart)
