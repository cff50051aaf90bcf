import frappe
from frappe import _

from customer_service import portal

no_cache = 1


def get_context(context):
	portal.page_context(context, "homeowner", "/owner")
	context.title = _("My Home")
	context.units = portal.my_units()
	requests = portal.my_requests()
	context.requests = requests[:3]
	context.open_requests = sum(1 for r in requests if r.status != "Closed")
	context.messages = portal.my_messages()
	context.homeowner_name = frappe.db.get_value("Homeowner", {"user": frappe.session.user}, "homeowner_name")
