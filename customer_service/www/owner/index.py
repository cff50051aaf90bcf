from frappe import _

from customer_service.portal import homeowner, pages

no_cache = 1


@pages.read_only_page
def get_context(context):
	pages.page_context(context, "homeowner", "/owner")
	context.title = _("My Home")
	context.units = homeowner.my_units()
	context.requests = homeowner.my_receptions(limit=3)
	for reception in context.requests:
		reception.status_label = _(reception.status)
	context.open_requests = homeowner.open_request_count()
	context.messages = homeowner.my_messages()
	context.homeowner_name = homeowner.my_name()
