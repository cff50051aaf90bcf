import frappe
from frappe import _

from customer_service.portal import pages

no_cache = 1


def get_context(context):
	"""The portal's own login: password (email or mobile number) or a one-time code."""
	redirect_to = pages.local_path(frappe.form_dict.get("redirect-to"))
	if frappe.session.user != "Guest":
		frappe.local.flags.redirect_location = redirect_to or "/owner"
		raise frappe.Redirect
	pages.header_context(context)
	context.title = _("Log In")
	context.redirect_to = redirect_to
	context.mobile_login = frappe.db.get_single_value("System Settings", "allow_login_using_mobile_number")
