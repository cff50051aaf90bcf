# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

# which organization types may sit directly under which
ALLOWED_PARENTS = {
	"Group": {None, "Group"},
	"Region": {"Group", "Region"},
	"Company": {"Group", "Region"},
	"Department": {"Company", "Department"},
}


class InvalidOrganizationTree(frappe.ValidationError):
	pass


class ServiceOrganization(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		disabled: DF.Check
		is_group: DF.Check
		lft: DF.Int
		manager: DF.Link | None
		old_parent: DF.Link | None
		org_type: DF.Literal["Group", "Region", "Company", "Department"]
		organization_name: DF.Data
		parent_service_organization: DF.Link | None
		phone: DF.Data | None
		rgt: DF.Int
	# end: auto-generated types
	nsm_parent_field = "parent_service_organization"

	def validate(self):
		self.set_is_group()
		self.validate_parent_type()

	def set_is_group(self):
		if self.org_type in ("Group", "Region", "Company"):
			self.is_group = 1

	def validate_parent_type(self):
		parent_type = (
			frappe.db.get_value("Service Organization", self.parent_service_organization, "org_type")
			if self.parent_service_organization
			else None
		)
		if parent_type not in ALLOWED_PARENTS[self.org_type]:
			frappe.throw(
				_("A {0} cannot be placed under a {1}").format(_(self.org_type), _(parent_type or "the root")),
				title=_("Invalid Organization Tree"),
				exc=InvalidOrganizationTree,
			)
