# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document

from customer_service.customer_service.doctype.contractor.contractor import update_retention_balance
from customer_service.permissions import get_scope


class ServicePenalty(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		escalation: DF.Link | None
		level: DF.Int
		party: DF.DynamicLink
		party_type: DF.Literal["Service Organization", "Contractor"]
		posting_date: DF.Date | None
		project: DF.Link | None
		reason: DF.SmallText | None
		task: DF.Link
	# end: auto-generated types

	def validate(self):
		if self.task:
			self.project, self.company = frappe.db.get_value("Service Task", self.task, ["project", "company"])
		elif not self.project:
			self.company = self.company or get_scope().default_company

	def on_update(self):
		self.update_contractor_balance()

	def after_delete(self):
		self.update_contractor_balance()

	def update_contractor_balance(self):
		"""Penalties and chargebacks are booked against the contractor's retention money."""
		if self.party_type == "Contractor":
			update_retention_balance(self.party)
