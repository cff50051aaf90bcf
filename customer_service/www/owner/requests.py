from frappe import _

from customer_service import portal

no_cache = 1


def get_context(context):
	portal.page_context(context, "homeowner", "/owner/requests")
	context.title = _("My Requests")
	context.receptions = portal.my_requests()
	context.satisfaction = [(value, _(value)) for value in portal.SATISFACTION]
