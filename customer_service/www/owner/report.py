import frappe
from frappe import _

from customer_service import portal

no_cache = 1


def get_context(context):
	portal.page_context(context, "homeowner", "/owner/report")
	context.title = _("Report a Problem")
	context.units = portal.my_units()
	context.chosen = frappe.form_dict.unit
	context.categories = portal.report_categories()
