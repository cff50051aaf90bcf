"""Custom fields of the ERPNext integration: created when ERPNext and the app are both on the site
(whichever came first), never overwritten on migrate (an admin may move or relabel them), removed
when either app is uninstalled."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from customer_service.erp import erpnext_installed


def link(fieldname, label, options, insert_after, **extra):
	return {"fieldname": fieldname, "label": label, "fieldtype": "Link", "options": options, "insert_after": insert_after, **extra}


SYSTEM_SET = {"read_only": 1, "no_copy": 1}

CUSTOM_FIELDS = {
	# the app's own DocTypes, pointing into ERPNext
	"Service Organization": [
		link("erpnext_company", "ERPNext Company", "Company", "portal_responder", depends_on="eval:doc.org_type=='Company'"),
		link("erpnext_department", "ERPNext Department", "Department", "erpnext_company", depends_on="eval:doc.org_type=='Department'"),
	],
	"Property Project": [link("cost_center", "Cost Center", "Cost Center", "company")],
	"Homeowner": [link("customer", "Customer", "Customer", "user", **SYSTEM_SET)],
	"Contractor": [link("supplier", "Supplier", "Supplier", "user", **SYSTEM_SET)],
	"Compensation": [link("journal_entry", "Journal Entry", "Journal Entry", "paid_on", allow_on_submit=1, **SYSTEM_SET)],
	"Service Penalty": [link("journal_entry", "Journal Entry", "Journal Entry", "amount", **SYSTEM_SET)],
	"Customer Service Settings": [
		{"fieldname": "erpnext_section", "label": "ERPNext", "fieldtype": "Section Break", "insert_after": "background_unit_threshold", "collapsible": 1},
		link("customer_group", "Customer Group of Homeowners", "Customer Group", "erpnext_section"),
		link("territory", "Territory of Homeowners", "Territory", "customer_group"),
		link("supplier_group", "Supplier Group of Contractors", "Supplier Group", "territory"),
	],
	# ERPNext's DocTypes, pointing back
	"Customer": [
		link("cs_homeowner", "Homeowner", "Homeowner", "customer_name", **SYSTEM_SET),
		{"fieldname": "cs_mobile_no", "label": "Homeowner Mobile", "fieldtype": "Data", "options": "Phone", "insert_after": "cs_homeowner", "depends_on": "cs_homeowner"},
		# the ID number is kept encrypted (a Password field): no list, filter or report of
		# customers shows it or finds by it; the customer's form changes it
		{"fieldname": "cs_id_number", "label": "Homeowner ID Number", "fieldtype": "Password", "insert_after": "cs_mobile_no", "depends_on": "cs_homeowner"},
	],
	"Supplier": [
		link("cs_contractor", "Contractor", "Contractor", "supplier_name", **SYSTEM_SET),
		{"fieldname": "cs_mobile_no", "label": "Contractor Mobile", "fieldtype": "Data", "options": "Phone", "insert_after": "cs_contractor", "depends_on": "cs_contractor"},
		{"fieldname": "cs_retention_balance", "label": "Retention Balance (质保金)", "fieldtype": "Currency", "insert_after": "cs_mobile_no", "depends_on": "cs_contractor", **SYSTEM_SET},
	],
	"Company": [
		{"fieldname": "cs_section", "label": "Customer Service", "fieldtype": "Section Break", "insert_after": "default_payable_account", "collapsible": 1},
		link("cs_compensation_account", "Homeowner Compensation Account", "Account", "cs_section"),
		link("cs_chargeback_account", "Contractor Chargeback Account", "Account", "cs_compensation_account"),
	],
	# an amendment carries them (a copy too, which the app then refuses: erp.entries.check_booking)
	"Journal Entry": [
		link("cs_compensation", "Compensation", "Compensation", "user_remark", read_only=1),
		link("cs_service_penalty", "Contractor Chargeback", "Service Penalty", "cs_compensation", read_only=1),
	],
	# a unit's sale, traced to the customer
	"Sales Order": [link("cs_property_unit", "Property Unit", "Property Unit", "customer")],
	"Sales Invoice": [link("cs_property_unit", "Property Unit", "Property Unit", "customer")],
}


def make_custom_fields() -> None:
	"""The missing ones (an admin's changes to existing ones stay)."""
	if erpnext_installed():
		create_custom_fields(CUSTOM_FIELDS, ignore_validate=True, update=False)


def remove_custom_fields() -> None:
	for doctype, fields in CUSTOM_FIELDS.items():
		for df in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": df["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, force=True, ignore_permissions=True)
	frappe.clear_cache()


def after_app_install(app_name: str) -> None:
	"""ERPNext arriving on a site that has the app already."""
	if app_name == "erpnext":
		make_custom_fields()
		frappe.enqueue("customer_service.erp.parties.link_all_parties", queue="long", enqueue_after_commit=True)


def before_app_uninstall(app_name: str) -> None:
	if app_name == "erpnext":
		remove_custom_fields()
