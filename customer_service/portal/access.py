"""Who is asking the portal, and the fence that keeps portal users out of the desk's API."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import strip_html

from customer_service.permissions import can_access, get_scope

MAX_TEXT = 2000


class NotYoursError(frappe.PermissionError):
	pass


def check_portal_user(kind: str | None = None):
	"""The scope of the logged-in homeowner (kind "homeowner"), contractor ("contractor") or either
	(None); refused to anyone else."""
	scope = get_scope()
	if scope.kind == "portal":
		if kind == "homeowner" and scope.homeowners:
			return scope
		if kind == "contractor" and scope.contractors:
			return scope
		if kind is None and (scope.homeowners or scope.contractors):
			return scope
	if kind == "contractor":
		frappe.throw(_("This page is for contractors: log in with your contractor account"), exc=frappe.PermissionError)
	frappe.throw(_("This page is for homeowners: log in with your homeowner account"), exc=frappe.PermissionError)


def homeowner_scope():
	return check_portal_user("homeowner")


def contractor_scope():
	return check_portal_user("contractor")


def portal_home(scope) -> str:
	return "/owner" if scope.homeowners else "/contractor"


def my_unit(unit: str) -> str:
	"""The homeowner record of the user that owns `unit`; refused when the unit is not theirs."""
	scope = homeowner_scope()
	owner = frappe.db.get_value(
		"Homeowner Unit", {"parenttype": "Homeowner", "unit": unit, "parent": ("in", list(scope.homeowners))}, "parent"
	)
	if not owner:
		frappe.throw(_("Unit {0} is not one of your homes").format(unit), title=_("Not Yours"), exc=NotYoursError)
	return owner


def queue_on(doctype: str, name: str) -> None:
	"""Requests about one record, one at a time: what this one has read so far is let go (nothing
	is written yet) and the record's row is locked, so that what it reads next is what the request
	before it committed — not the snapshot its first read took (MariaDB's repeatable read)."""
	frappe.db.commit()  # nosemgrep
	frappe.db.get_value(doctype, name, "name", for_update=True)


def check_record(doctype: str, name: str) -> None:
	"""A record the portal user reaches by the isolation rules (their own, or dispatched to them)."""
	check_portal_user()
	if not (name and frappe.db.exists(doctype, name) and can_access(doctype, name, frappe.session.user)):
		frappe.throw(_("{0} {1} is not yours").format(_(doctype), name or ""), title=_("Not Yours"), exc=NotYoursError)


def clean(text: str | None, required: bool = False, label: str | None = None) -> str:
	"""What a homeowner or contractor typed, as plain text (no HTML or script is stored or shown)."""
	text = strip_html(text if isinstance(text, str) else "").strip()[:MAX_TEXT]
	if required and not text:
		frappe.throw(_("Please fill in {0}").format(_(label or "the description")), title=_("Missing"))
	return text


# -- the fence -------------------------------------------------------------------------------

# what homeowners and contractors never call: the desk's and the generic document API (they act
# through the portal's pages and customer_service.api.portal, which check their scope)
# What a homeowner's or contractor's login may call: the portal's API, its login, uploading a photo,
# logging in and out. Everything else of Frappe's RPC (the desk's form loader, lists, likes, tags,
# follows, assignments, shares, generic document endpoints, and whatever alias of them) is refused,
# so staff comments, assignments and internal fields never reach them.
PORTAL_METHODS = (
	"customer_service.api.portal.", "customer_service.api.portal_login.", "upload_file", "login", "logout", "ping",
	"frappe.auth.get_logged_user", "frappe.www.login.", "frappe.core.doctype.user.user.reset_password",
	"frappe.core.doctype.user.user.update_password", "frappe.realtime.",
)  # fmt: skip
STAFF_PATHS = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/", "/api/v2/doctype/")
METHOD_PATHS = ("/api/method/", "/api/v1/method/", "/api/v2/method/")


def portal_may_call(method: str) -> bool:
	return any(method == allowed or (allowed.endswith(".") and method.startswith(allowed)) for allowed in PORTAL_METHODS)


def keep_portal_users_in_the_portal() -> None:
	"""before_request: a homeowner's or contractor's login calls the portal's methods only."""
	session = getattr(frappe.local, "session", None)
	if not session or session.user == "Guest" or not frappe.request:
		return
	path = frappe.request.path or ""
	# Frappe runs a form's `cmd` before anything in the path: both are looked at
	methods = [m for m in [frappe.form_dict.cmd or ""] if m]
	methods += [path[len(prefix) :] for prefix in METHOD_PATHS if path.startswith(prefix)]
	if not (path.startswith(STAFF_PATHS) or any(not portal_may_call(method) for method in methods)):
		return
	scope = get_scope()
	if scope.kind == "portal" and (scope.homeowners or scope.contractors):
		frappe.throw(_("Homeowners and contractors use the portal: {0}").format(portal_home(scope)), frappe.PermissionError)


def handover_confirmation_permission(doc, ptype=None, user=None, verbose=False) -> bool:
	"""has_website_permission of Unit Handover: the homeowner prints their signed handover (the
	confirmation), nothing else of it."""
	user = user or frappe.session.user
	return bool(
		doc.docstatus == 1
		and ptype in (None, "read", "print")
		and get_scope(user).kind == "portal"
		and can_access("Unit Handover", doc.name, user)
	)
