import frappe
from frappe import _

from customer_service import portal

no_cache = 1


def get_context(context):
	portal.page_context(context, "contractor", "/contractor")
	context.title = _("My Work")
	args = frappe.form_dict
	context.filters = {"project": args.project or "", "status": args.status or "open", "due_before": args.due_before or ""}
	context.items = portal.my_work(args.project or None, context.filters["status"] if context.filters["status"] != "all" else None, args.due_before or None)
	context.projects = sorted({i["project"] for i in portal.my_work()})
	context.contractor_name = ", ".join(portal.contractor_scope().contractors)
