# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document

from customer_service import inspection
from customer_service.organization import get_manager_of_company
from customer_service.permissions import on_stored_record
from customer_service.protected_fields import check_protected_fields
from customer_service.systemic_defects import check_systemic


class InspectionDefect(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		building: DF.Link | None
		client_id: DF.Data | None
		company_manager: DF.Link | None
		contractor: DF.Link | None
		contractor_email: DF.Data | None
		contractor_mobile: DF.Data | None
		description: DF.SmallText
		dispatched_on: DF.Datetime | None
		inspection_round: DF.Link
		is_overdue: DF.Check
		location: DF.Data | None
		photo: DF.AttachImage | None
		problem_category: DF.Link
		project: DF.Link | None
		rectified_on: DF.Datetime | None
		rectify_by: DF.Date | None
		rejection_count: DF.Int
		service_task: DF.Link | None
		status: DF.Literal["Open", "Dispatched", "Rectified", "Verified"]
		unit: DF.Link
		verified_by: DF.Link | None
		verified_on: DF.Datetime | None
	# end: auto-generated types
	def validate(self):
		check_protected_fields(self, inspection.locked_fields(self))
		if self.is_new() or self.has_value_changed("unit"):
			inspection.check_unit_in_round(self.inspection_round, self.unit)
		inspection.fill_contractor(self)
		self.company_manager = get_manager_of_company(frappe.db.get_value("Property Project", self.project, "company"))
		if not self.rectify_by:
			self.rectify_by = inspection.default_rectify_by(self)

	def after_insert(self):
		check_systemic(self.building, self.problem_category, self.project)

	@frappe.whitelist()
	@on_stored_record("write")
	def dispatch(self) -> str:
		inspection.check_staff()
		return inspection.dispatch(self)

	@frappe.whitelist()
	@on_stored_record("write")
	def mark_rectified(self) -> None:
		inspection.mark_rectified(self)

	@frappe.whitelist()
	@on_stored_record("write")
	def verify(self) -> None:
		inspection.verify(self)

	@frappe.whitelist()
	@on_stored_record("write")
	def reject(self, reason: str | None = None) -> None:
		inspection.reject(self, reason)
