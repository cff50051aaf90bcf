"""Company isolation.

A user with User Permissions on Service Organization works for those
companies (and their descendants): they see the projects those companies own
plus the projects shared with them (`shared_with`), and the buildings and
units of those projects. One set of allowed projects serves both the list
query condition and the per-document check.
"""

from __future__ import annotations

import frappe
from frappe.permissions import get_user_permissions

from customer_service.customer_service.doctype.service_organization.service_organization import get_company_of


def isolated_doctypes() -> set[str]:
	"""The DocTypes hooks.py isolates by project."""
	return set(frappe.get_hooks("permission_query_conditions", app_name="customer_service"))


def get_allowed_companies(user: str | None = None) -> list[str] | None:
	"""The companies a user works for; None when the user is not restricted."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	rows = get_user_permissions(user).get("Service Organization") or []
	if not rows:
		return None
	isolated = isolated_doctypes()
	organizations = {row.doc for row in rows if not row.get("applicable_for") or row.applicable_for in isolated}
	# a department's staff work for the department's company
	companies = organizations | {get_company_of(org) for org in organizations}
	return sorted(c for c in companies if c)


def get_allowed_projects(user: str | None = None) -> list[str] | None:
	"""Projects the user's companies own or share; None when unrestricted."""
	companies = get_allowed_companies(user)
	if companies is None:
		return None
	if not companies:
		return []
	project = frappe.qb.DocType("Property Project")
	share = frappe.qb.DocType("Property Project Share")
	owned = frappe.qb.from_(project).select(project.name).where(project.company.isin(companies))
	shared = (
		frappe.qb.from_(share)
		.select(share.parent)
		.where((share.parenttype == "Property Project") & share.company.isin(companies))
	)
	return sorted({name for (name,) in (owned + shared).run()})


def _in_condition(column: str, values: list[str]) -> str:
	if not values:
		return "1=0"
	return "{} in ({})".format(column, ", ".join(frappe.db.escape(v) for v in values))


def project_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	projects = get_allowed_projects(user)
	return "" if projects is None else _in_condition("`tabProperty Project`.`name`", projects)


CONTRACTOR_SCOPED = ("Inspection Defect", "Service Task")
STAFF_ROLES = {"CS Administrator", "CS Manager", "CS Agent", "CS Engineer", "System Manager"}


def get_contractors_of(user: str | None = None) -> list[str] | None:
	"""The contractors a Contractor-role user works for; None for staff and everyone else."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if "Contractor" not in roles or roles & STAFF_ROLES:
		return None
	return frappe.get_all("Contractor", filters={"user": user}, pluck="name")


def project_child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Records of allowed projects; a record without project only to its owner.

	A contractor's user sees only the defects and tasks dispatched to them.
	"""
	if doctype in CONTRACTOR_SCOPED and (contractors := get_contractors_of(user)) is not None:
		return _in_condition(f"`tab{doctype}`.`contractor`", contractors)
	projects = get_allowed_projects(user)
	if projects is None:
		return ""
	column = f"`tab{doctype}`.`project`"
	own = f"(ifnull({column}, '') = '' and `tab{doctype}`.`owner` = {frappe.db.escape(user or frappe.session.user)})"
	return f"({_in_condition(column, projects)} or {own})"


def has_project_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""Owner companies read and change their projects; companies it is shared with only read them."""
	companies = get_allowed_companies(user)
	if companies is None:
		return None
	if ptype not in ("read", "print", "email", "export", "report") or doc.is_new():
		# the stored owner decides (the document in hand may carry a new company already)
		owner = doc.company if doc.is_new() else frappe.db.get_value("Property Project", doc.name, "company")
		return None if owner in companies and doc.company in companies else False
	projects = get_allowed_projects(user)
	return None if doc.name in projects else False


def homeowner_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Homeowners of units in the user's projects, and those the user registered."""
	projects = get_allowed_projects(user)
	if projects is None:
		return ""
	own = f"`tabHomeowner`.`owner` = {frappe.db.escape(user or frappe.session.user)}"
	if not projects:
		return f"({own})"
	units = (
		"`tabHomeowner`.`name` in (select `parent` from `tabHomeowner Unit` "
		f"where `parenttype` = 'Homeowner' and {_in_condition('`project`', projects)})"
	)
	return f"({units} or {own})"


def has_homeowner_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""A homeowner is visible to the companies of their units (and to whoever registered them);
	a company may also add its own unit to a homeowner another company registered."""
	projects = get_allowed_projects(user)
	if projects is None or doc.is_new() or doc.owner == (user or frappe.session.user):
		return None
	rows = doc.get("units") or []
	projects_of_units = {row.project or frappe.db.get_value("Property Unit", row.unit, "project") for row in rows}
	return None if projects_of_units & set(projects) else False


def has_project_child_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	if doc.doctype in CONTRACTOR_SCOPED and (contractors := get_contractors_of(user)) is not None:
		return None if doc.get("contractor") in contractors else False
	projects = get_allowed_projects(user)
	if projects is None or doc.get("project") in projects:
		return None
	if not doc.get("project") and (doc.is_new() or doc.owner == (user or frappe.session.user)):
		return None
	return False
