import frappe

from customer_service.portal import contractor, pages, photos

no_cache = 1


@pages.read_only_page
def get_context(context):
	pages.page_context(context, "contractor", "/contractor")
	doctype, name = frappe.form_dict.doctype, frappe.form_dict.name
	context.item = contractor.my_work_item(doctype, name)
	context.title = name
	context.photos = photos.photo_urls(doctype, name)
