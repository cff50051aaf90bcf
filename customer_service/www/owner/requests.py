from frappe import _

from customer_service.portal import homeowner, pages

no_cache = 1


@pages.read_only_page
def get_context(context):
	pages.page_context(context, "homeowner", "/owner/requests")
	context.title = _("My Requests")
	context.receptions = homeowner.my_requests()
	context.satisfaction = [(value, _(value)) for value in homeowner.SATISFACTION]
