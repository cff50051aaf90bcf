# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, fmt_money, now_datetime, nowdate

from customer_service.erp.entries import check_paid_by_entry, compensation_entry, drop_draft_entry
from customer_service.organization import get_manager_of_company
from customer_service.settings import get_settings
from customer_service.state_categories import set_state, state_for

UNLIMITED_ROLES = ("CS Administrator", "System Manager")


class InvalidAmountError(frappe.ValidationError):
	pass


class ApprovalLimitError(frappe.PermissionError):
	pass


class CompensationLockedError(frappe.ValidationError):
	pass


class Compensation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		amount: DF.Currency
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		company: DF.Link | None
		company_manager: DF.Link | None
		compensation_type: DF.Literal["Cash", "Fee Waiver", "Gift", "Rent", "Repair in kind"]
		homeowner: DF.Link
		paid_on: DF.Date | None
		project: DF.Link | None
		reason: DF.SmallText
		status: DF.Link | None
		status_category: DF.Literal["Draft", "Pending Approval", "Approved", "Paid", "Rejected", "Cancelled"]
		task: DF.Link
	# end: auto-generated types
	def validate(self):
		self.set_place_from_task()
		self.company_manager = get_manager_of_company(self.company)
		if flt(self.amount) <= 0:
			frappe.throw(
				_("The compensation amount must be greater than zero"),
				title=_("Invalid Amount"),
				exc=InvalidAmountError,
			)

	def set_place_from_task(self):
		"""A compensation is for its task's homeowner, in its task's project, whatever the request says."""
		self.homeowner, self.project, self.company = frappe.db.get_value(
			"Service Task", self.task, ["homeowner", "project", "company"]
		)
		if not self.homeowner:
			frappe.throw(
				_("Task {0} has no homeowner to compensate").format(self.task), title=_("Homeowner Missing")
			)

	def before_submit(self):
		"""Submitting is the approval: only through the workflow's Approve, within the approver's limit."""
		if self.status_category != "Approved":
			frappe.throw(
				_("Compensation {0} is approved through its workflow (Submit for Approval, then Approve)").format(self.name),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
		check_approval_limit(self.amount)
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()

	def on_submit(self):
		compensation_entry(self)

	def before_update_after_submit(self):
		check_paid_by_entry(self)

	def on_update_after_submit(self):
		if self.status_category == "Paid" and not self.paid_on:
			self.db_set("paid_on", nowdate())

	def on_cancel(self):
		if self.status_category != "Cancelled":  # cancelled outside the workflow's own Cancel
			set_state(self, state_for(self.doctype, "Cancelled", current=self.status))
		drop_draft_entry(self)

	def on_trash(self):
		if self.approved_on:
			frappe.throw(
				_("Compensation {0} was approved and cannot be deleted; its history is kept").format(self.name),
				title=_("Not Allowed"),
				exc=CompensationLockedError,
			)


def check_approval_limit(amount: float, user: str | None = None) -> None:
	roles = set(frappe.get_roles(user))
	if roles & set(UNLIMITED_ROLES):
		return
	limit = flt(get_settings().compensation_manager_limit)
	if "CS Manager" in roles and flt(amount) <= limit:
		return
	frappe.throw(
		_("Approving {0} is above your limit of {1}; a CS Administrator must approve it").format(
			fmt_money(amount), fmt_money(limit)
		),
		title=_("Above Approval Limit"),
		exc=ApprovalLimitError,
	)
