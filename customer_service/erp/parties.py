"""Who the app's records are in ERPNext, matched or created on demand (never twice), through
ERPNext's own documents: a company organization's Company, a department's Department, a project's
Cost Center, a homeowner's Customer, a contractor's Supplier. Names, mobiles and ID numbers are
kept in step both ways; a side that already holds the values is not saved again (no loops)."""

from contextlib import contextmanager

import frappe
from frappe import _

from customer_service.erp import erpnext_installed
from customer_service.organization import get_company_of


class NotLinkedError(frappe.ValidationError):
	pass


@contextmanager
def syncing():
	"""While one side writes the other, the other's hooks do not write back."""
	previous = frappe.flags.cs_party_sync
	frappe.flags.cs_party_sync = True
	try:
		yield
	finally:
		frappe.flags.cs_party_sync = previous


# -- companies, departments, cost centers --------------------------------------------------------


def company_of(organization: str | None) -> str | None:
	"""The ERPNext Company of the organization's company: its link, else the Company of the same name
	(linked from then on); None when neither exists."""
	company_org = get_company_of(organization)
	if not company_org:
		return None
	linked, name = frappe.db.get_value("Service Organization", company_org, ["erpnext_company", "organization_name"])
	if linked:
		return linked
	match = frappe.db.get_value("Company", {"company_name": name})
	if match:
		frappe.db.set_value("Service Organization", company_org, "erpnext_company", match)
	return match


def ensure_company(organization: str) -> str:
	"""The ERPNext Company of a company organization, created (with ERPNext's standard chart of
	accounts, in the currency and country of the site's first company) when there is none."""
	if existing := company_of(organization):
		return existing
	company_org = get_company_of(organization)
	if not company_org:
		frappe.throw(_("{0} belongs to no company").format(organization), title=_("No Company"), exc=NotLinkedError)
	frappe.db.get_value("Service Organization", company_org, "name", for_update=True)  # one creation at a time
	if existing := company_of(company_org):
		return existing
	name = frappe.db.get_value("Service Organization", company_org, "organization_name")
	model = frappe.db.get_value("Company", {}, ["default_currency", "country"], as_dict=True, order_by="creation") or {}
	with site_language():  # ERPNext names a new company's departments and accounts in the site's language
		company = frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": name,
				"abbr": free_abbr(name),
				"default_currency": model.get("default_currency") or "CNY",
				"country": model.get("country") or "China",
				"create_chart_of_accounts_based_on": "Standard Template",
				"chart_of_accounts": "Standard",
			}
		).insert(ignore_permissions=True)
	frappe.db.set_value("Service Organization", company_org, "erpnext_company", company.name)
	return company.name


@contextmanager
def site_language():
	"""ERPNext's company set-up finds the root department and account groups by their translated
	names, created in the site's language: a background job or `bench execute` (English) must use it too."""
	previous = frappe.local.lang
	frappe.local.lang = frappe.db.get_single_value("System Settings", "language") or previous
	try:
		yield
	finally:
		frappe.local.lang = previous


def free_abbr(name: str) -> str:
	base = "".join(ch for ch in name if ch.isalnum())[:4] or "CS"
	abbr, n = base, 1
	while frappe.db.exists("Company", {"abbr": abbr}):
		n += 1
		abbr = f"{base}{n}"
	return abbr


def ensure_department(organization: str) -> str:
	"""The ERPNext Department of a department organization (in its company's ERPNext Company)."""
	org = frappe.db.get_value(
		"Service Organization", organization, ["org_type", "organization_name", "erpnext_department"], as_dict=True
	)
	if not org or org.org_type != "Department":
		frappe.throw(_("{0} is not a department").format(organization), title=_("Not a Department"))
	if org.erpnext_department:
		return org.erpnext_department
	company = ensure_company(organization)
	department = frappe.db.get_value("Department", {"department_name": org.organization_name, "company": company})
	if not department:
		department = frappe.get_doc(
			{"doctype": "Department", "department_name": org.organization_name, "company": company,
			 "parent_department": frappe.db.get_value("Department", {"is_group": 1, "parent_department": ("is", "not set")})}
		).insert(ignore_permissions=True).name  # fmt: skip
	frappe.db.set_value("Service Organization", organization, "erpnext_department", department)
	return department


def ensure_cost_center(project: str, company: str) -> str:
	"""The project's cost center in the company (one per project)."""
	linked = frappe.db.get_value("Property Project", project, "cost_center")
	if linked and frappe.db.get_value("Cost Center", linked, "company") == company:
		return linked
	name = frappe.db.get_value("Property Project", project, "project_name") or project
	cost_center = frappe.db.get_value("Cost Center", {"cost_center_name": name, "company": company, "is_group": 0})
	if not cost_center:
		root = frappe.db.get_value("Cost Center", {"company": company, "is_group": 1, "parent_cost_center": ("is", "not set")})
		cost_center = frappe.get_doc(
			{"doctype": "Cost Center", "cost_center_name": name, "company": company, "parent_cost_center": root, "is_group": 0}
		).insert(ignore_permissions=True).name
	frappe.db.set_value("Property Project", project, "cost_center", cost_center)
	return cost_center


# -- homeowners and customers, contractors and suppliers --------------------------------------------


def first_leaf(doctype: str, *defaults) -> str | None:
	"""The first of `defaults` that is a leaf of the tree `doctype`, else its first leaf."""
	for name in defaults:
		if name and not frappe.db.get_value(doctype, name, "is_group"):
			return name
	return frappe.db.get_value(doctype, {"is_group": 0}, "name", order_by="lft")


def customer_values(homeowner) -> dict:
	return {
		"customer_name": homeowner.homeowner_name,
		"customer_type": "Company" if homeowner.homeowner_type == "Company" else "Individual",
		"cs_mobile_no": homeowner.mobile_no,
		"cs_id_number": homeowner.id_number,
	}


def new_customer_fields() -> dict:
	settings = frappe.get_cached_doc("Customer Service Settings")
	return {
		"customer_group": first_leaf(
			"Customer Group", settings.get("customer_group"), frappe.db.get_single_value("Selling Settings", "customer_group")
		),
		"territory": first_leaf("Territory", settings.get("territory"), frappe.db.get_single_value("Selling Settings", "territory")),
	}


def supplier_values(contractor) -> dict:
	return {
		"supplier_name": contractor.contractor_name,
		"cs_mobile_no": contractor.contact_mobile,
		"cs_retention_balance": contractor.retention_balance,
	}


def new_supplier_fields() -> dict:
	settings = frappe.get_cached_doc("Customer Service Settings")
	return {
		"supplier_type": "Company",
		"supplier_group": first_leaf(
			"Supplier Group", settings.get("supplier_group"), frappe.db.get_single_value("Buying Settings", "supplier_group")
		),
	}


# the app's record → (its ERPNext party, the record's link to it, the party's link back, what the
# party holds of the record, a new party's own fields, what an edit of the party writes back)
PARTIES = {
	"Homeowner": ("Customer", "customer", "cs_homeowner", customer_values, new_customer_fields,
				  {"customer_name": "homeowner_name", "cs_mobile_no": "mobile_no", "cs_id_number": "id_number"}),
	"Contractor": ("Supplier", "supplier", "cs_contractor", supplier_values, new_supplier_fields,
				   # its name is the contractor's ID: renamed in the app, it renames the supplier
				   {"cs_mobile_no": "contact_mobile"}),
}  # fmt: skip


def value_of(party, fieldname: str):
	"""A party's value as stored (an encrypted field decrypted)."""
	if party.meta.get_field(fieldname) and party.meta.get_field(fieldname).fieldtype == "Password":
		return party.get_password(fieldname, raise_exception=False) if not party.is_new() else party.get(fieldname)
	return party.get(fieldname)


def ensure_party(record) -> str:
	"""The record's customer or supplier, created on the first call and kept in step."""
	party_type, link, back, values_of, new_fields, _back = PARTIES[record.doctype]
	values = values_of(record)
	name = frappe.db.get_value(record.doctype, record.name, link)  # only the party the app made for it
	with syncing():
		if name:
			party = frappe.get_doc(party_type, name)
			if any((value_of(party, k) or None) != (v or None) for k, v in values.items()):
				party.update(values)
				party.save(ignore_permissions=True)
		else:
			party = frappe.get_doc({"doctype": party_type, **values, back: record.name, **new_fields()})
			party.insert(ignore_permissions=True)
		if frappe.db.get_value(record.doctype, record.name, link) != party.name:
			frappe.db.set_value(record.doctype, record.name, link, party.name, update_modified=False)
	return party.name


def ensure_customer(homeowner) -> str:
	return ensure_party(frappe.get_doc("Homeowner", homeowner) if isinstance(homeowner, str) else homeowner)


def ensure_supplier(contractor) -> str:
	return ensure_party(frappe.get_doc("Contractor", contractor) if isinstance(contractor, str) else contractor)


def sync_party(record, method=None) -> None:
	"""Homeowner / Contractor on_update: its customer or supplier."""
	if frappe.flags.cs_party_sync or not erpnext_installed():
		return
	ensure_party(record)


def sync_back(party, method=None) -> None:
	"""Customer / Supplier on_update: an edit of a homeowner's customer (name, mobile, ID number) or a
	contractor's supplier (mobile) changes the homeowner or contractor, with their own checks (a wrong
	ID number refuses the customer's save). Only the party the app made for the record speaks for it."""
	doctype = next(dt for dt, spec in PARTIES.items() if spec[0] == party.doctype)
	_party_type, link, back, _values, _new, written_back = PARTIES[doctype]
	if frappe.flags.cs_party_sync or not party.get(back):
		return
	record = frappe.get_doc(doctype, party.get(back))
	if record.get(link) != party.name:
		return
	changed = {field: value_of(party, source) for source, field in written_back.items()}
	changed = {k: v for k, v in changed.items() if v and record.get(k) != v}
	if changed:
		if not frappe.has_permission(doctype, "write", record.name):
			frappe.throw(
				_("{0} {1} is changed by customer service: you may not change their {2} here").format(
					_(doctype), record.name, ", ".join(_(record.meta.get_label(f)) for f in changed)
				),
				frappe.PermissionError,
			)
		with syncing():
			record.update(changed)
			record.save(ignore_permissions=True)


def guard_back_link(party, method=None) -> None:
	"""Customer / Supplier validate: which homeowner or contractor a party is, only the app says."""
	doctype = next(dt for dt, spec in PARTIES.items() if spec[0] == party.doctype)
	back = PARTIES[doctype][2]
	before = None if party.is_new() else party.get_doc_before_save()
	if not frappe.flags.cs_party_sync and party.get(back) != (before.get(back) if before else None):
		frappe.throw(
			_("Which {0} a {1} belongs to is set by customer service").format(_(doctype), _(party.doctype)),
			frappe.PermissionError,
		)


def unlink_party(record, method=None) -> None:
	"""Homeowner / Contractor on_trash: the party stays (its ledger is ERPNext's), no longer the record's."""
	party_type, link, back, *_rest = PARTIES[record.doctype]
	if erpnext_installed() and record.get(link):
		with syncing():
			party = frappe.get_doc(party_type, record.get(link))
			party.set(back, None)
			party.save(ignore_permissions=True)


def link_all_parties() -> None:
	"""Every homeowner's customer and contractor's supplier that is missing (ERPNext arriving on a
	site with homeowners: a background job of after_app_install)."""
	for doctype, (_party_type, link, *_rest) in PARTIES.items():
		names = frappe.get_all(doctype, filters={link: ("is", "not set")}, pluck="name")
		for start in range(0, len(names), 500):  # a batch a transaction; one failure stops none of the others
			for name in names[start : start + 500]:
				try:
					frappe.db.savepoint("party")
					ensure_party(frappe.get_doc(doctype, name))
				except Exception:
					frappe.db.rollback(save_point="party")
					frappe.log_error(title=f"customer_service: no ERPNext party for {doctype} {name}")
			frappe.db.commit()  # nosemgrep


def customers_of_unit(unit: str) -> list[str]:
	"""Whom a unit was sold to, in ERPNext: the customers of its homeowners."""
	owners = frappe.get_all("Homeowner Unit", filters={"unit": unit, "parenttype": "Homeowner"}, pluck="parent")
	return frappe.get_all("Homeowner", filters={"name": ("in", owners or [""]), "customer": ("is", "set")}, pluck="customer")
