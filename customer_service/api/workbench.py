"""Whitelisted workbench API: the number cards that are not a count (Number Card of type Custom)."""

from __future__ import annotations

import frappe

from customer_service import workbench


@frappe.whitelist()
@frappe.read_only()  # a replica serves it where the site has one (read_from_replica)
def satisfaction_this_month(filters: str | dict | None = None) -> dict:
	"""The workbench card: this month's satisfaction rate over the revisits the user may see."""
	frappe.has_permission("Revisit", "read", throw=True)
	return workbench.satisfaction_this_month()
