"""Whitelisted inspection API for the mobile inspection app and the desk."""

from __future__ import annotations

import frappe
from frappe import _

from customer_service.inspection import record_defects as _record_defects


@frappe.whitelist(methods=["POST"])
def record_defects(inspection_round: str, defects: list[dict] | str) -> list[dict]:
	"""Record many defects for many units of a round in one request.

	Each row: unit, problem_category, description, and optionally location,
	photo, contractor and `client_id` (the app's own id: a retried upload
	answers "exists" instead of creating a duplicate). Answers one result per
	row: {row, client_id, status: created | exists | error, name | message}.
	"""
	defects = frappe.parse_json(defects)
	if not isinstance(defects, list):
		frappe.throw(_("Defects must be a list"), title=_("Invalid Request"))
	frappe.get_doc("Inspection Round", inspection_round).check_permission("read")
	frappe.has_permission("Inspection Defect", "create", throw=True)
	return _record_defects(inspection_round, defects)


@frappe.whitelist()
def get_round_units(inspection_round: str) -> list[dict]:
	"""Units of a round in walking order, with how many defects each already has."""
	frappe.get_doc("Inspection Round", inspection_round).check_permission("read")
	from customer_service.inspection import round_units

	units = round_units(inspection_round)
	counts = {
		row.unit: row.n
		for row in frappe.get_all(
			"Inspection Defect",
			filters={"inspection_round": inspection_round},
			fields=["unit", "count(name) as n"],
			group_by="unit",
		)
	}
	return [{"unit": unit, "defects": counts.get(unit, 0)} for unit in sorted(units)]


@frappe.whitelist(methods=["POST"])
def mark_units_inspected(inspection_round: str, units: list[str] | str) -> int:
	"""Record units walked without defects, so the round's progress counts them."""
	from customer_service.inspection import mark_units_inspected as _mark

	frappe.get_doc("Inspection Round", inspection_round).check_permission("read")
	frappe.has_permission("Inspected Unit", "create", throw=True)
	return _mark(inspection_round, frappe.parse_json(units))
