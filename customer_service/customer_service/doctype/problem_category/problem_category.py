# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe.utils.nestedset import NestedSet, get_ancestors_of


class ProblemCategory(NestedSet):
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
