import frappe

from customer_service.portal import contractor, pages, photos

no_cache = 1


# on the primary: opened from the notification of a dispatch, it must see the dispatch at once
def get_context(context):
	pages.page_context(context, "contractor", "/contractor")
	doctype, name = frappe.form_dict.doctype, frappe.form_dict.name
	context.item = contractor.my_work_item(doctype, name)
	context.title = name
	context.photos = photos.photo_urls(doctype, name)
