# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class InvalidProjectCompany(frappe.ValidationError):
	pass


class PropertyInUseError(frappe.ValidationError):
	pass


class PropertyProject(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from customer_service.customer_service.doctype.property_project_share.property_project_share import PropertyProjectShare
		from frappe.types import DF

		address: DF.SmallText | None
		city: DF.Data | None
		company: DF.Link
		project_name: DF.Data
		shared_with: DF.Table[PropertyProjectShare]
	# end: auto-generated types
	def validate(self):
		self.validate_company()
		self.validate_shared_with()

	def validate_company(self):
		if frappe.db.get_value("Service Organization", self.company, "org_type") != "Company":
			frappe.throw(
				_("Project {0} must belong to an organization of type Company, not {1}").format(
					self.project_name, self.company
				),
				title=_("Invalid Company"),
				exc=InvalidProjectCompany,
			)

	def validate_shared_with(self):
		seen = set()
		for row in self.shared_with:
			if row.company == self.company or row.company in seen:
				frappe.throw(
					_("Row {0}: company {1} is the owner or is listed twice").format(row.idx, row.company),
					title=_("Invalid Sharing"),
					exc=InvalidProjectCompany,
				)
			if frappe.db.get_value("Service Organization", row.company, "org_type") != "Company":
				frappe.throw(
					_("Row {0}: a project can only be shared with a Company, not {1}").format(row.idx, row.company),
					title=_("Invalid Sharing"),
					exc=InvalidProjectCompany,
				)
			seen.add(row.company)

	def on_trash(self):
		prevent_deletion_with_units("project", self.name, _("project"))


def prevent_deletion_with_units(fieldname: str, value: str, label: str) -> None:
	units = frappe.db.count("Property Unit", {fieldname: value})
	if units:
		frappe.throw(
			_("Cannot delete {0} {1}: it has {2} units. Delete or move the units first.").format(label, value, units),
			title=_("Property In Use"),
			exc=PropertyInUseError,
		)
