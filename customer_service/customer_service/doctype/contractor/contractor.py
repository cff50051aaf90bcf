# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe.query_builder.functions import Sum
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from customer_service.erp import erpnext_installed
from customer_service.erp.parties import ensure_supplier, sync_party, unlink_party
from customer_service.identity import InvalidIdentity, normalize_mobile


class InvalidScopeError(frappe.ValidationError):
	pass


class Contractor(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from customer_service.customer_service.doctype.contractor_scope.contractor_scope import ContractorScope
		from frappe.types import DF

		contact_mobile: DF.Data | None
		contact_person: DF.Data | None
		contractor_name: DF.Data
		disabled: DF.Check
		email: DF.Data | None
		retention_amount: DF.Currency
		retention_balance: DF.Currency
		scopes: DF.Table[ContractorScope]
		user: DF.Link | None
	# end: auto-generated types
	def validate(self):
		self.validate_mobile()
		self.validate_scopes()
		self.retention_balance = retention_balance(self.name, self.retention_amount)

	def on_update(self):
		sync_party(self)

	def on_trash(self):
		unlink_party(self)

	def validate_mobile(self):
		if not self.contact_mobile:
			return
		try:
			self.contact_mobile = normalize_mobile(self.contact_mobile)
		except InvalidIdentity as e:
			frappe.throw(e.translated(_), title=_("Invalid Mobile Number"))

	def validate_scopes(self):
		seen = set()
		for row in self.scopes:
			if row.building:
				building_project = frappe.db.get_value("Property Building", row.building, "project")
				if building_project != row.project:
					frappe.throw(
						_("Scope row {0}: building {1} is not in project {2}").format(row.idx, row.building, row.project),
						title=_("Invalid Scope"),
						exc=InvalidScopeError,
					)
			key = (row.project, row.building or "", row.problem_category or "")
			if key in seen:
				frappe.throw(_("Scope row {0} repeats an earlier row").format(row.idx), title=_("Invalid Scope"), exc=InvalidScopeError)
			seen.add(key)


def retention_balance(contractor: str, retention_amount: float) -> float:
	"""质保金 left: the retention amount less every penalty booked against the contractor (as last
	committed: a locking read)."""
	penalty = frappe.qb.DocType("Service Penalty")
	booked = (
		frappe.qb.from_(penalty)
		.select(Sum(penalty.amount))
		.where((penalty.party_type == "Contractor") & (penalty.party == contractor))
		.for_update()
		.run()
	)[0][0]
	return flt(retention_amount) - flt(booked)


def update_retention_balance(contractor: str) -> None:
	"""Bookings against one contractor are rolled up one at a time (its row is the queue)."""
	amount = frappe.db.get_value("Contractor", contractor, "retention_amount", for_update=True)
	frappe.db.set_value("Contractor", contractor, "retention_balance", retention_balance(contractor, amount))
	if erpnext_installed() and frappe.db.get_value("Contractor", contractor, "supplier"):  # its supplier shows the balance
		ensure_supplier(contractor)
