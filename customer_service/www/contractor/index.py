import frappe
from frappe import _
from frappe.utils import getdate

from customer_service.portal import contractor, pages
from customer_service.portal.access import contractor_scope

no_cache = 1


@pages.read_only_page
def get_context(context):
	pages.page_context(context, "contractor", "/contractor")
	context.title = _("My Work")
	args = frappe.form_dict
	status = args.status if args.status in ("open", "done", "all") else "open"
	due_before = args.due_before if is_date(args.due_before) else ""
	context.filters = {"project": args.project or "", "status": status, "due_before": due_before}
	context.items = contractor.my_work(args.project or None, None if status == "all" else status, due_before or None)
	context.projects = contractor.my_projects()
	context.contractor_name = ", ".join(sorted(contractor_scope().contractors))


def is_date(value) -> bool:
	try:
		return bool(value) and bool(getdate(value))
	except Exception:
		return False
