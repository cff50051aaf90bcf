# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from customer_service.permissions import get_scope, on_stored_record
from customer_service.service_desk import CLOSED, TO_CONFIRM


class UnitNotInProjectError(frappe.ValidationError):
	pass


class ServiceReception(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accepting_company: DF.Link | None
		building: DF.Link | None
		channel: DF.Literal["Phone", "Hotline 400", "Visit", "Website", "Portal", "WeChat", "Letter", "Handover Inspection"]
		company: DF.Link | None
		confirmed_by: DF.Link | None
		confirmed_on: DF.Datetime | None
		content: DF.SmallText
		homeowner: DF.Link | None
		homeowner_name: DF.Data | None
		inspection_round: DF.Link | None
		mobile_no: DF.Data | None
		project: DF.Link | None
		received_by: DF.Link
		received_on: DF.Datetime
		status: DF.Literal["To Decompose", "Decomposed", "To Confirm", "Closed"]
		unit: DF.Link | None
	# end: auto-generated types
	def validate(self):
		self.validate_unit_in_project()
		self.set_accepting_company()

	def validate_unit_in_project(self):
		if not self.unit:
			return
		unit_project = frappe.db.get_value("Property Unit", self.unit, "project")
		if self.project and unit_project != self.project:
			frappe.throw(
				_("Unit {0} is not in project {1}").format(self.unit, self.project),
				title=_("Unit Not In Project"),
				exc=UnitNotInProjectError,
			)
		self.project = unit_project

	def set_accepting_company(self):
		"""受理职责共享: the owner company or a company the project is shared with accepts.
		A reception about no project belongs to the accepting company (by default the user's)."""
		if not self.project:
			self.accepting_company = self.accepting_company or get_scope().default_company
			self.company = self.accepting_company
			return
		owner = frappe.db.get_value("Property Project", self.project, "company")
		allowed = {owner, *frappe.get_all("Property Project Share", {"parent": self.project}, pluck="company")}
		if not self.accepting_company:
			self.accepting_company = owner
		elif self.accepting_company not in allowed:
			frappe.throw(
				_("Company {0} does not accept requests for project {1}").format(self.accepting_company, self.project),
				title=_("Invalid Accepting Company"),
			)

	@frappe.whitelist()
	@on_stored_record("write")
	def confirm(self) -> str:
		"""The first responder confirms with the homeowner that everything is done."""
		if self.status != TO_CONFIRM:
			frappe.throw(
				_("Reception {0} can be confirmed only when all its tasks are closed").format(self.name),
				title=_("Not Ready"),
			)
		self.status = CLOSED
		self.confirmed_by = frappe.session.user
		self.confirmed_on = now_datetime()
		self.flags.system_update = True
		self.save()
		return self.status
