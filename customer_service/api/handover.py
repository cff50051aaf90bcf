"""Whitelisted handover API: appointment slots of a day."""

from __future__ import annotations

import frappe

from customer_service.handover import available_slots


@frappe.whitelist()
def get_available_slots(inspection_round: str, day: str) -> list[dict]:
	"""Each appointment slot of the round on `day`: time, capacity, booked and free places."""
	frappe.get_doc("Inspection Round", inspection_round).check_permission("read")
	return available_slots(inspection_round, day)
