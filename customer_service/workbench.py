"""Figures of the workbench (客服工作台) that are not a count: the satisfaction rate of this month,
counted through `frappe.get_list` (each user over the records they may see)."""

from __future__ import annotations

import frappe
from frappe.utils import get_first_day, get_last_day, nowdate

from customer_service.reports import rate

SATISFIED = ("Very Satisfied", "Satisfied")


def satisfaction_this_month(today: str | None = None) -> dict:
	"""Satisfied (very satisfied and satisfied) ÷ answered callbacks and revisits of this month, in %."""
	day = today or nowdate()
	answered = frappe.get_list(
		"Revisit",
		filters={"status": "Done", "satisfaction": ("is", "set"),
				 "revisited_on": ("between", [f"{get_first_day(day)} 00:00:00", f"{get_last_day(day)} 23:59:59"])},
		pluck="satisfaction",
		limit_page_length=0,
	)  # fmt: skip
	return {"value": rate(sum(s in SATISFIED for s in answered), len(answered)), "fieldtype": "Percent"}
