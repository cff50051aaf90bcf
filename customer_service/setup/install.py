"""Install and migrate steps: short, named and idempotent.

Records the app ships as data (roles, the category library, settings
defaults) are inserted when missing and never overwritten, so an admin's
edits survive `bench migrate`.
"""

import frappe

from customer_service.announcements import make_note_fields, remove_note_fields
from customer_service.erp.fields import make_custom_fields, remove_custom_fields
from customer_service.setup.auto_email_reports import create_monthly_reports, remove_monthly_reports
from customer_service.setup.notifications import NOTIFICATIONS, create_notifications
from customer_service.setup.problem_categories import LIBRARY
from customer_service.setup.rules import REVISIT_TYPES, table_defaults
from customer_service.setup.workflows import WORKFLOWS, create_workflows
from customer_service.setup.workspace import CHARTS, WORKSPACE, card_labels, create_workspace

# (role, desk access)
ROLES = (
	("CS Administrator", 1),
	("CS Manager", 1),
	("CS Agent", 1),
	("CS Engineer", 1),
	("Contractor", 0),
	("Homeowner", 0),
)


def before_install():
	create_roles()


def after_install():
	create_roles()
	enable_login_by_mobile_number()
	create_revisit_types()
	fill_settings_defaults(fresh=True)
	create_problem_categories()
	create_workflows()
	create_notifications()
	create_workspace()
	create_monthly_reports()
	make_note_fields()
	make_custom_fields()


def after_migrate():
	create_roles()
	create_revisit_types()
	fill_settings_defaults()
	create_problem_categories()
	create_workflows()
	create_notifications()
	create_workspace()
	create_monthly_reports()
	make_note_fields()
	make_custom_fields()


def before_uninstall():
	"""Remove the records the app created outside its own DocTypes (they would point at nothing)."""
	remove_custom_fields()
	remove_monthly_reports()
	remove_note_fields()
	for doctype, names in (
		("Workspace", [WORKSPACE]),
		("Number Card", card_labels()),
		("Dashboard Chart", [name for name, *_rest in CHARTS]),
		("Notification", [spec["name"] for spec in NOTIFICATIONS]),
		("Workflow", [name for name, *_rest in WORKFLOWS]),
	):
		for name in names:
			frappe.delete_doc_if_exists(doctype, name, force=True)


def enable_login_by_mobile_number():
	"""Homeowners log in to the portal with their mobile number (Frappe's own login), from install on;
	an admin may switch it off in System Settings."""
	frappe.db.set_single_value("System Settings", "allow_login_using_mobile_number", 1)


def create_roles():
	for role_name, desk_access in ROLES:
		if frappe.db.exists("Role", role_name):
			continue
		frappe.get_doc(
			{"doctype": "Role", "role_name": role_name, "desk_access": desk_access, "is_custom": 0}
		).insert(ignore_permissions=True)


def fill_settings_defaults(fresh: bool = False):
	"""Give the settings their defaults: all of them on install, the missing ones on migrate.

	Written straight to the single's rows: frappe gives a new single document's
	Time fields the current time, so on install stored values are not the admin's.
	"""
	stored = {} if fresh else frappe.db.get_singles_dict("Customer Service Settings")
	meta = frappe.get_meta("Customer Service Settings")
	missing = {
		df.fieldname: df.default
		for df in meta.fields
		if df.default is not None and stored.get(df.fieldname) in (None, "")
	}
	if missing:
		frappe.db.set_single_value("Customer Service Settings", missing)
	if fresh:
		fill_settings_tables()


def fill_settings_tables(only_empty: bool = True):
	"""The rules of the seeds as the settings' tables start (install, and the patch of an upgraded
	site). Migrate never refills them: an admin who empties one means it."""
	settings = frappe.get_single("Customer Service Settings")
	for fieldname, rows in table_defaults().items():
		if only_empty and settings.get(fieldname):
			continue
		settings.set(fieldname, rows)
	settings.flags.ignore_permissions = True
	settings.save()


def create_revisit_types():
	"""The revisit types the schedule and the callbacks use, when missing (admins add their own)."""
	for name in REVISIT_TYPES:
		if not frappe.db.exists("Revisit Type", name):
			frappe.get_doc({"doctype": "Revisit Type", "revisit_type_name": name}).insert(ignore_permissions=True)


def create_problem_categories():
	"""The starter library; skipped entirely once any category exists (the admin owns it then)."""
	if frappe.db.count("Problem Category"):
		return
	for class_name, parts in LIBRARY.items():
		class_doc = _insert_category(class_name, None, is_group=1)
		for part_name, problems in parts.items():
			part_doc = _insert_category(part_name, class_doc.name, is_group=1)
			for name, months, contractor_months, response_hours, resolution_hours in problems:
				_insert_category(
					name,
					part_doc.name,
					warranty_months=months,
					contractor_warranty_months=contractor_months,
					response_hours=response_hours,
					resolution_hours=resolution_hours,
				)


def _insert_category(category_name, parent, **fields):
	return frappe.get_doc(
		{
			"doctype": "Problem Category",
			"category_name": category_name,
			"parent_problem_category": parent,
			**fields,
		}
	).insert(ignore_permissions=True)
