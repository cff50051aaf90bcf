"""Fields the system owns: deadlines, flags, levels and lifecycle stamps.

They are read-only in the desk; this makes them read-only for REST and RPC
writers too. Code that legitimately sets them marks the document with
`doc.flags.system_update = True`.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, cstr, flt, get_datetime, getdate


class ProtectedFieldError(frappe.ValidationError):
	pass


def _normalised(fieldtype: str, value):
	if value in (None, ""):
		return None
	if fieldtype == "Datetime":
		return get_datetime(value)
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype in ("Int", "Check"):
		return cint(value) or None
	if fieldtype in ("Float", "Currency", "Percent"):
		return flt(value, 6) or None  # the database keeps fewer decimals than Python
	return cstr(value)


def check_protected_fields(doc, fieldnames: tuple[str, ...]) -> None:
	"""Refuse a save that changes any of `fieldnames` unless the system makes it.

	A new record starts them from their defaults, whatever the request sent
	(a REST POST or a duplicated document cannot bring its own deadlines or flags).
	"""
	if doc.flags.system_update:
		return
	if doc.is_new():
		for fieldname in fieldnames:
			doc.set(fieldname, doc.meta.get_field(fieldname).default)
		return
	before = doc.get_doc_before_save()
	if not before:
		return
	changed = [
		fieldname
		for fieldname in fieldnames
		if _normalised(doc.meta.get_field(fieldname).fieldtype, doc.get(fieldname))
		!= _normalised(doc.meta.get_field(fieldname).fieldtype, before.get(fieldname))
	]
	if changed:
		frappe.throw(
			_("These fields of {0} {1} are set by the system and cannot be changed by hand: {2}").format(
				_(doc.doctype), doc.name, ", ".join(_(doc.meta.get_label(f)) for f in changed)
			),
			title=_("Not Allowed"),
			exc=ProtectedFieldError,
		)
