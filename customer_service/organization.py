"""The organization tree (group → region → company → department): who belongs where and who answers."""

from __future__ import annotations

import frappe


def get_org(organization: str | None) -> frappe._dict | None:
	if not organization:
		return None
	return frappe.db.get_value(
		"Service Organization", organization, ["name", "org_type", "lft", "rgt", "manager"], as_dict=True
	)


def get_ancestor_of_type(organization: str | None, org_type: str) -> str | None:
	"""The nearest organization of `org_type` at or above `organization` (its company, say)."""
	org = get_org(organization)
	if not org:
		return None
	if org.org_type == org_type:
		return org.name
	return frappe.db.get_value(
		"Service Organization",
		{"org_type": org_type, "lft": ("<", org.lft), "rgt": (">", org.rgt)},
		"name",
		order_by="lft desc",
	)


def get_company_of(organization: str | None) -> str | None:
	"""The Company an organization (a department, say) belongs to."""
	return get_ancestor_of_type(organization, "Company")


def get_manager_of(organization: str | None) -> str | None:
	org = get_org(organization)
	return org.manager if org else None


def get_manager_of_company(company: str | None) -> str | None:
	"""Who the company's notifications go to (its Service Organization manager)."""
	return get_manager_of(company)


def get_company_of_project(project: str | None) -> str | None:
	return frappe.db.get_value("Property Project", project, "company") if project else None


def departments_of_company(company: str) -> list[str]:
	org = get_org(company)
	if not org:
		return []
	return frappe.get_all(
		"Service Organization",
		filters={"org_type": "Department", "lft": (">", org.lft), "rgt": ("<", org.rgt)},
		pluck="name",
	)
