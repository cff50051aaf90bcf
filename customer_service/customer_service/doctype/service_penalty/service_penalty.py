# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from customer_service.customer_service.doctype.contractor.contractor import update_retention_balance
from customer_service.erp.entries import (
	chargeback_entry,
	check_unchanged_once_posted,
	drop_draft_entry,
	posted,
	update_chargeback_entry,
)
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
		check_unchanged_once_posted(self, ("amount", "party_type", "party"))

	def on_update(self):
		self.update_contractor_balance()
		if self.penalty_type == "Chargeback" and not self.is_new():
			update_chargeback_entry(self)

	def after_insert(self):
		if self.penalty_type == "Chargeback":
			chargeback_entry(self)

	def on_trash(self):
		if posted(self):
			frappe.throw(
				_("{0} {1} is posted in journal entry {2}: cancel that entry first").format(_(self.doctype), self.name, self.journal_entry),
				title=_("Already Posted"),
			)
		drop_draft_entry(self)

	def after_delete(self):
		self.update_contractor_balance()

	def update_contractor_balance(self):
		"""Penalties and chargebacks are booked against the contractor's retention money."""
		if self.party_type == "Contractor":
			update_retention_balance(self.party)
