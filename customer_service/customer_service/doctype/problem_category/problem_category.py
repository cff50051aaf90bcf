# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe.utils.nestedset import NestedSet

from customer_service.categories import clear_category_cache


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

	def on_update(self):
		super().on_update()
		clear_category_cache()

	def on_change(self):
		clear_category_cache()  # db_set too

	def on_trash(self):
		super().on_trash()
		clear_category_cache()
