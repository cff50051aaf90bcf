"""What every portal page has: its user (else the login or their own part of the portal), its
header (the site's brand, the language switch) and no caching; a page that only shows is read
from the replica where the site has one (`read_only_page`)."""

from __future__ import annotations

import functools
from urllib.parse import quote, urlsplit

import frappe
from frappe import _

from customer_service.permissions import get_scope
from customer_service.portal.access import check_portal_user, portal_home

PORTAL_LANGUAGES = ("zh", "en")


def read_only_page(get_context):
	"""A page's get_context under `frappe.read_only()` (read_from_replica). Frappe hands the
	context only to a get_context whose own signature names it, so the wrapper names it too."""
	on_replica = frappe.read_only()(get_context)

	@functools.wraps(get_context)
	def page(context):
		return on_replica(context)

	return page


def page_context(context, kind: str, active: str) -> None:
	"""Every portal page: logged in (else to the portal's login), of the right kind of user (else to
	their own part of the portal), never cached, its menu tab."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/owner/login?redirect-to={quote(frappe.request.path)}"
		raise frappe.Redirect
	scope = get_scope()
	wrong_part = (kind == "homeowner" and not scope.homeowners) or (kind == "contractor" and not scope.contractors)
	if scope.kind == "portal" and wrong_part and (scope.homeowners or scope.contractors):
		frappe.local.flags.redirect_location = portal_home(scope)
		raise frappe.Redirect
	check_portal_user(kind)
	header_context(context)
	context.active = active
	context.portal_kind = kind


def header_context(context) -> None:
	context.no_cache = 1
	context.show_sidebar = False
	context.brand = brand()
	context.portal_lang = frappe.local.lang


def brand() -> str | None:
	"""The portal's name in its header: the website's brand as the admin set it (Website Settings
	› App Name); Frappe's own default name is no brand of theirs."""
	name = frappe.db.get_single_value("Website Settings", "app_name")
	return name if name and name != "Frappe" else None


def local_path(target: str | None) -> str:
	"""Where to go after logging in: a path of this site only (never another site's address)."""
	target = target if isinstance(target, str) else ""
	if not target or any(ord(c) < 32 or c == "\\" for c in target):
		return ""
	parts = urlsplit(target)
	if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
		return ""
	return target


def set_language(language: str) -> None:
	"""A portal user switches between Chinese and English (their User's language)."""
	check_portal_user()
	if language not in PORTAL_LANGUAGES:
		frappe.throw(_("Choose Chinese or English"), title=_("Unknown Language"))
	frappe.db.set_value("User", frappe.session.user, "language", language)
	frappe.clear_cache(user=frappe.session.user)
