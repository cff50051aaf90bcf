"""Whitelisted homeowner API."""

from __future__ import annotations

import frappe
from frappe import _

from customer_service.identity import InvalidIdentity, check_id
from customer_service.permissions import can_access


@frappe.whitelist(methods=["POST"])
def add_unit_to_existing_homeowner(id_type: str, id_number: str, unit: str, relationship: str = "Owner") -> str:
	"""A person who owns a unit of another company's project buys one of ours: give their existing
	homeowner record our unit, proven by their exact ID number. Returns the homeowner, whom the
	user then sees through the unit."""
	frappe.has_permission("Homeowner", "write", throw=True)
	frappe.has_permission("Property Unit", "read", unit, throw=True)
	if not can_access("Property Unit", unit, frappe.session.user, "write"):
		frappe.throw(
			_("Unit {0} belongs to a project your company does not own").format(unit),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	try:
		number = check_id(id_type, id_number).number
	except InvalidIdentity as e:
		frappe.throw(e.translated(_), title=_("Invalid ID Number"))
	name = frappe.db.get_value("Homeowner", {"id_type": id_type, "id_number": number}, "name")
	if not name:
		frappe.throw(_("No homeowner is registered with ID number {0}").format(number), title=_("Not Found"))
	homeowner = frappe.get_doc("Homeowner", name)
	if unit not in {row.unit for row in homeowner.units}:
		homeowner.append("units", {"unit": unit, "relationship": relationship})
		homeowner.flags.ignore_permissions = True  # the unit is the user's; the rest of the record stays as it is
		homeowner.save()
	return name
