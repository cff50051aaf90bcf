from frappe import _
from frappe.utils import add_days, nowdate

from customer_service import portal

no_cache = 1


def get_context(context):
	portal.page_context(context, "homeowner", "/owner/handover")
	context.title = _("My Handover")
	context.handovers = portal.my_handovers()
	context.tomorrow = add_days(nowdate(), 1)
