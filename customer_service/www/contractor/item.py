import frappe
from frappe import _

from customer_service import portal

no_cache = 1


def get_context(context):
	portal.page_context(context, "contractor", "/contractor")
	doctype, name = frappe.form_dict.doctype, frappe.form_dict.name
	item = next((i for i in portal.my_work() if i["doctype"] == doctype and i["name"] == name), None)
	if not item:
		frappe.throw(_("{0} {1} is not dispatched to you").format(_(doctype or ""), name or ""), frappe.PermissionError)
	context.item = item
	context.title = name
	context.photos = frappe.get_all(
		"File", filters={"attached_to_doctype": doctype, "attached_to_name": name, "is_folder": 0}, pluck="file_url"
	)
