"""Shares and open assignments that opened an app record to a user of another company (Frappe's
"Assign To" shared a record with an assignee who could not see it) are removed."""

import frappe

from customer_service.permissions import RULES, can_access


def execute():
	isolated = [doctype for doctype, rule in RULES.items() if not rule.staff_all]
	for name, doctype, docname, user, everyone in frappe.get_all(
		"DocShare",
		filters={"share_doctype": ("in", isolated)},
		fields=["name", "share_doctype", "share_name", "user", "everyone"],
		as_list=True,
	):
		if everyone or (user and frappe.db.exists(doctype, docname) and not can_access(doctype, docname, user)):
			frappe.delete_doc("DocShare", name, ignore_permissions=True, force=True)
	for name, doctype, docname, user in frappe.get_all(
		"ToDo",
		filters={"reference_type": ("in", isolated), "status": "Open"},
		fields=["name", "reference_type", "reference_name", "allocated_to"],
		as_list=True,
	):
		if user and frappe.db.exists(doctype, docname) and not can_access(doctype, docname, user):
			frappe.db.set_value("ToDo", name, "status", "Cancelled", update_modified=False)
