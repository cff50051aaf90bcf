# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.permissions import AUTOMATIC_ROLES
from frappe.utils import formatdate, getdate

from customer_service.erp.parties import sync_party, unlink_party
from customer_service.identity import InvalidIdentity, check_id, normalize_mobile
from customer_service.organization import get_company_of_project
from customer_service.permissions import clear_scope_cache, get_scope, on_stored_record

HOMEOWNER_ROLE = "Homeowner"


class InvalidIdentityError(frappe.ValidationError):
	pass


class DuplicateHomeownerError(frappe.ValidationError):
	pass


class Homeowner(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from customer_service.customer_service.doctype.homeowner_unit.homeowner_unit import HomeownerUnit
		from frappe.types import DF

		address: DF.SmallText | None
		birth_date: DF.Date | None
		email: DF.Data | None
		gender: DF.Literal["", "Male", "Female"]
		homeowner_name: DF.Data
		homeowner_type: DF.Literal["Person", "Company"]
		id_number: DF.Data | None
		id_type: DF.Literal["Mainland ID Card", "Hong Kong/Macau Permit", "Taiwan Permit", "Passport", "Foreign Permanent Resident ID", "Unified Social Credit Code"]
		mobile_no: DF.Data
		units: DF.Table[HomeownerUnit]
		user: DF.Link | None
	# end: auto-generated types
	def validate(self):
		self.validate_identity()
		self.validate_unique_identity()
		self.validate_mobile()
		self.validate_units()
		if self.is_new():
			self.set_company()

	def on_update(self):
		units = self.get_changed_units()
		if self.has_value_changed("email") or self.has_value_changed("mobile_no"):
			units |= {row.unit for row in self.units}
		sync_primary_homeowners(units)
		sync_party(self)

	def on_trash(self):
		unlink_party(self)

	def validate_identity(self):
		if not self.id_number:
			return
		try:
			facts = check_id(self.id_type, self.id_number)
		except InvalidIdentity as e:
			throw_identity(e)
		self.id_number = facts.number
		if facts.birth_date:
			if self.birth_date and getdate(self.birth_date) != facts.birth_date:
				frappe.throw(
					_("Birth date {0} does not match ID number {1}").format(formatdate(self.birth_date), self.id_number),
					title=_("Invalid ID Number"),
					exc=InvalidIdentityError,
				)
			self.birth_date = facts.birth_date
		if facts.gender:
			if self.gender and self.gender != facts.gender:
				frappe.throw(
					_("Gender {0} does not match ID number {1}").format(_(self.gender), self.id_number),
					title=_("Invalid ID Number"),
					exc=InvalidIdentityError,
				)
			self.gender = facts.gender

	def validate_unique_identity(self):
		if not self.id_number:
			return
		other = frappe.db.get_value(
			"Homeowner",
			{"id_type": self.id_type, "id_number": self.id_number, "name": ("!=", self.name)},
			"name",
		)
		if not other:
			return
		if frappe.has_permission("Homeowner", "read", other):
			message = _("ID number {0} is already registered for homeowner {1}").format(self.id_number, other)
		else:  # another company's: say so without naming them
			message = _(
				"ID number {0} is already registered by another company: add your unit to that homeowner "
				"with Add Unit to Existing Homeowner"
			).format(self.id_number)
		frappe.throw(message, title=_("Duplicate Homeowner"), exc=DuplicateHomeownerError)

	def validate_mobile(self):
		try:
			self.mobile_no = normalize_mobile(self.mobile_no)
		except InvalidIdentity as e:
			throw_identity(e, title=_("Invalid Mobile Number"))

	def validate_units(self):
		"""Each unit once; a row's project is its unit's (rows of other companies' units stay as they
		were: permissions.check_hidden_rows_kept)."""
		seen = set()
		for row in self.units:
			if row.unit in seen:
				frappe.throw(
					_("Unit {0} is listed twice on this homeowner").format(row.unit), title=_("Duplicate Unit")
				)
			seen.add(row.unit)
			row.project = frappe.db.get_value("Property Unit", row.unit, "project")

	def set_company(self):
		"""The company that registered the homeowner (the first unit's, else the registering user's)."""
		if self.company:
			return
		first_project = next((row.project for row in self.units if row.project), None)
		self.company = get_company_of_project(first_project) or get_scope().default_company

	def get_changed_units(self) -> set[str]:
		units = {row.unit for row in self.units}
		before = self.get_doc_before_save()
		if before:
			units |= {row.unit for row in before.units}
		return units

	@frappe.whitelist()
	@on_stored_record("write")
	def create_portal_user(self) -> str:
		"""Give the homeowner a portal login (Website User with the Homeowner role).

		An existing login is reused only when it is a portal login of nobody else: a staff or a
		contractor account never becomes a homeowner's."""
		if not self.email:
			frappe.throw(_("Set an email address before creating the portal user"), title=_("Email Missing"))
		user_name = frappe.db.get_value("User", {"email": self.email}, "name")
		if user_name:
			check_login_is_free(user_name, self.name)
			user = frappe.get_doc("User", user_name)
		else:
			user = frappe.new_doc("User")
			user.update(
				{
					"email": self.email,
					"first_name": self.homeowner_name,
					"mobile_no": self.mobile_no,
					"user_type": "Website User",
					"send_welcome_email": 0,
					"language": "zh",
				}
			)
			user.flags.ignore_permissions = True
			user.insert()
		if HOMEOWNER_ROLE not in {r.role for r in user.roles}:
			user.flags.ignore_permissions = True
			user.add_roles(HOMEOWNER_ROLE)
		self.db_set("user", user.name)
		clear_scope_cache()  # the login now reaches this homeowner's records (db_set runs no doc events)
		return user.name


def check_login_is_free(user_name: str, homeowner: str) -> None:
	roles = set(frappe.get_roles(user_name)) - set(AUTOMATIC_ROLES) - {HOMEOWNER_ROLE}
	if frappe.db.get_value("User", user_name, "user_type") != "Website User" or roles:
		frappe.throw(
			_("{0} is the login of staff or a contractor; a homeowner needs an email of their own").format(user_name),
			title=_("Email In Use"),
		)
	other = frappe.db.get_value("Homeowner", {"user": user_name, "name": ("!=", homeowner)}, "name")
	if other:
		frappe.throw(
			_("{0} is already the portal login of homeowner {1}").format(user_name, other), title=_("Email In Use")
		)


def throw_identity(e: InvalidIdentity, title: str | None = None):
	frappe.throw(e.translated(_), title=title or _("Invalid ID Number"), exc=InvalidIdentityError)


def sync_primary_homeowners(units: set[str]) -> None:
	"""Keep Property Unit.primary_homeowner = the owner (else first co-owner) of each unit."""
	if not units:
		return
	row = frappe.qb.DocType("Homeowner Unit")
	owners = (
		frappe.qb.from_(row)
		.select(row.unit, row.parent, row.relationship)
		.where((row.parenttype == "Homeowner") & row.unit.isin(list(units)))
		.orderby(row.creation)
		.run(as_dict=True)
	)
	primary: dict[str, str] = {}
	for owner in sorted(owners, key=lambda o: o.relationship != "Owner"):
		primary.setdefault(owner.unit, owner.parent)
	contacts = {
		h.name: h
		for h in frappe.get_all(
			"Homeowner", filters={"name": ("in", list(set(primary.values())))}, fields=["name", "email", "mobile_no"]
		)
	}
	for unit in units:
		if frappe.db.exists("Property Unit", unit):
			owner = contacts.get(primary.get(unit)) or frappe._dict()
			frappe.db.set_value(
				"Property Unit",
				unit,
				{"primary_homeowner": owner.name, "homeowner_email": owner.email, "homeowner_mobile": owner.mobile_no},
				update_modified=False,
			)


def get_units_of_homeowner(homeowner: str) -> list[str]:
	return frappe.get_all("Homeowner Unit", filters={"parent": homeowner, "parenttype": "Homeowner"}, pluck="unit")


def get_homeowners_of_unit(unit: str) -> list[dict]:
	return frappe.get_all(
		"Homeowner Unit",
		filters={"unit": unit, "parenttype": "Homeowner"},
		fields=["parent as homeowner", "relationship", "share_percent"],
		order_by="creation asc",
	)
