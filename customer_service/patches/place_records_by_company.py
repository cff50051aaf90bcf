"""Records the isolation rule places by company get it: homeowners (the company of their first
unit, else the one company their registering user worked for), complaint topics and penalties
(their project's or task's), receptions without project (their accepting company, else the
receiving agent's). Before, such records were visible only to whoever created them."""

import frappe

from customer_service.organization import get_company_of_project
from customer_service.permissions import build_scope


def execute():
	for name, owner in frappe.get_all("Homeowner", filters={"company": ("is", "not set")}, fields=["name", "owner"], as_list=True):
		project = frappe.db.get_value("Homeowner Unit", {"parenttype": "Homeowner", "parent": name}, "project", order_by="idx")
		company = get_company_of_project(project) or only_company_of(owner)
		if company:
			frappe.db.set_value("Homeowner", name, "company", company, update_modified=False)
	for doctype in ("Complaint Topic", "Service Penalty"):
		for name, project in frappe.get_all(
			doctype, filters={"company": ("is", "not set"), "project": ("is", "set")}, fields=["name", "project"], as_list=True
		):
			frappe.db.set_value(doctype, name, "company", get_company_of_project(project), update_modified=False)
	for name, accepting, received_by in frappe.get_all(
		"Service Reception",
		filters={"company": ("is", "not set"), "project": ("is", "not set")},
		fields=["name", "accepting_company", "received_by"],
		as_list=True,
	):
		company = accepting or only_company_of(received_by)
		if company:
			frappe.db.set_value(
				"Service Reception", name, {"company": company, "accepting_company": company}, update_modified=False
			)


def only_company_of(user: str | None) -> str | None:
	scope = build_scope(user) if user else None
	return next(iter(scope.companies)) if scope and len(scope.companies) == 1 else None
