# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe.utils.nestedset import NestedSet, get_ancestors_of


class ProblemCategory(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		blocks_handover: DF.Check
		category_name: DF.Data
		contractor_warranty_months: DF.Int
		description: DF.SmallText | None
		disabled: DF.Check
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_problem_category: DF.Link | None
		resolution_hours: DF.Float
		response_hours: DF.Float
		responsible_department: DF.Link | None
		rgt: DF.Int
		warranty_months: DF.Int
	# end: auto-generated types
	nsm_parent_field = "parent_problem_category"

	def autoname(self):
		self.name = self.category_name.strip()
		if frappe.db.exists("Problem Category", self.name) and self.parent_problem_category:
			self.name = f"{self.parent_problem_category}-{self.name}"


def get_category_chain(category: str | None) -> list[str]:
	"""The category and its ancestors, nearest first."""
	if not category:
		return []
	ancestors = get_ancestors_of("Problem Category", category, order_by="lft desc")
	return [category, *ancestors]


def get_category_setting(category: str | None, fieldname: str):
	"""A category's value, or the nearest ancestor's where the category leaves it empty."""
	for name in get_category_chain(category):
		value = frappe.db.get_value("Problem Category", name, fieldname)
		if value:
			return value
	return None
