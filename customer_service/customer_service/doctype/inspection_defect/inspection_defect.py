# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document

from customer_service import inspection


class InspectionDefect(Document):
	def validate(self):
		if self.is_new() or self.has_value_changed("unit"):
			inspection.check_unit_in_round(self.inspection_round, self.unit)
		inspection.fill_contractor(self)
		if not self.rectify_by:
			self.rectify_by = inspection.default_rectify_by(self)

	@frappe.whitelist()
	def dispatch(self) -> str:
		self.check_permission("write")
		return inspection.dispatch(self)

	@frappe.whitelist()
	def mark_rectified(self) -> None:
		self.check_permission("write")
		inspection.mark_rectified(self)

	@frappe.whitelist()
	def verify(self) -> None:
		self.check_permission("write")
		inspection.verify(self)

	@frappe.whitelist()
	def reject(self, reason: str | None = None) -> None:
		self.check_permission("write")
		inspection.reject(self, reason)
