"""Whitelisted handover API: appointment slots of a day."""

from __future__ import annotations

import frappe
from frappe.utils import get_datetime, getdate

from customer_service.handover import round_slots


@frappe.whitelist()
def get_available_slots(inspection_round: str, day: str) -> list[dict]:
	"""Each appointment slot of the round on `day`: time, capacity, booked and free places."""
	frappe.get_doc("Inspection Round", inspection_round).check_permission("read")
	day = getdate(day)
	booked: dict[str, int] = {}
	for appointment in frappe.get_all(
		"Unit Handover",
		filters={
			"inspection_round": inspection_round,
			"docstatus": ("<", 2),
			"appointment": ("between", [f"{day} 00:00:00", f"{day} 23:59:59"]),
		},
		pluck="appointment",
	):
		key = str(get_datetime(appointment).time())
		booked[key] = booked.get(key, 0) + 1
	return [
		{"time": time[:5], "capacity": capacity, "booked": booked.get(time, 0), "free": max(capacity - booked.get(time, 0), 0)}
		for time, capacity in round_slots(inspection_round).items()
	]
