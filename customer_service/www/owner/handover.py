from frappe import _
from frappe.utils import add_days, nowdate

from customer_service.portal import homeowner, pages

no_cache = 1


def get_context(context):
	pages.page_context(context, "homeowner", "/owner/handover")
	context.title = _("My Handover")
	context.handovers = homeowner.my_handovers()
	context.tomorrow = add_days(nowdate(), 1)
