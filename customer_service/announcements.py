"""Announcements on the workbench (公告): Frappe's own Note — public, shown at login until read
(Notify on Login, until its expiry) and in the workbench's list of notices — for the staff of one
company when its *Company* (a custom field the app adds to Note) is set, for everyone otherwise.

The company is a row rule on Note (list, form, the workbench's list) and on the notes the desk
shows at login (`extend_bootinfo`)."""

import frappe

from customer_service.permissions import get_scope

NOTE_FIELDS = {
	"Note": [
		{"fieldname": "cs_company", "label": "Announcement For", "fieldtype": "Link", "options": "Service Organization",
		 "insert_after": "notify_on_every_login", "depends_on": "public",
		 "description": "Shown to the staff of this company only (empty: everyone)"},
	]
}  # fmt: skip


def make_note_fields() -> None:
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(NOTE_FIELDS, ignore_validate=True, update=False)


def remove_note_fields() -> None:
	for df in NOTE_FIELDS["Note"]:
		name = frappe.db.get_value("Custom Field", {"dt": "Note", "fieldname": df["fieldname"]})
		if name:
			frappe.delete_doc("Custom Field", name, force=True, ignore_permissions=True)


def for_my_companies(user: str | None = None) -> str:
	"""The SQL condition: a note for everyone, or for one of the user's companies."""
	scope = get_scope(user)
	if scope.kind == "all":
		return ""
	companies = ", ".join(frappe.db.escape(c) for c in sorted(scope.companies)) or "''"
	return f"(ifnull(`tabNote`.`cs_company`, '') = '' or `tabNote`.`cs_company` in ({companies}))"


def note_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of Note (with Frappe's own: public or one's own): the company."""
	return for_my_companies(user or frappe.session.user)


def note_has_permission(doc, ptype=None, user=None) -> bool:
	"""has_permission of Note (with Frappe's own): a note for another company is not the user's."""
	user = user or frappe.session.user
	company = doc.get("cs_company")
	if doc.owner == user or not company:
		return True
	scope = get_scope(user)
	return scope.kind == "all" or company in scope.companies


def hide_other_companies_notes(bootinfo) -> None:
	"""extend_bootinfo: the notes the desk pops up at login, of the user's companies only."""
	notes = bootinfo.get("notes") or []
	if not notes:
		return
	mine = set(frappe.get_list("Note", filters={"name": ("in", [n.name for n in notes])}, pluck="name"))
	bootinfo.notes = [n for n in notes if n.name in mine]
