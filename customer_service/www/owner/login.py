import frappe
from frappe import _

from customer_service.portal import brand

no_cache = 1


def get_context(context):
	"""The portal's own login: password (email or mobile number) or a one-time code."""
	redirect_to = local_path(frappe.form_dict.get("redirect-to"))
	if frappe.session.user != "Guest":
		frappe.local.flags.redirect_location = redirect_to or "/owner"
		raise frappe.Redirect
	context.title = _("Log In")
	context.brand = brand()
	context.portal_lang = frappe.local.lang
	context.no_header = 1
	context.redirect_to = redirect_to
	context.mobile_login = frappe.db.get_single_value("System Settings", "allow_login_using_mobile_number")


def local_path(target: str | None) -> str:
	"""Where to go after logging in: a path of this site only (never another site's address)."""
	target = (target or "").strip()
	return target if target.startswith("/") and not target.startswith(("//", "/\\")) else ""
