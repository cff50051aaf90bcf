import frappe
from frappe import _

from customer_service.portal import homeowner, pages

no_cache = 1


def get_context(context):
	pages.page_context(context, "homeowner", "/owner/report")
	context.title = _("Report a Problem")
	context.units = homeowner.my_units()
	context.chosen = frappe.form_dict.unit
	context.categories = homeowner.report_categories()
