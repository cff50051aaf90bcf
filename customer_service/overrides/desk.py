"""Frappe desk endpoints that would count or name another company's records, narrowed to what
the user may see (override_whitelisted_methods in hooks.py). Each calls Frappe's own code.

- Dashboard charts: Frappe caches a chart's data per chart for every user, and computes a
  heatmap without permissions. For the app's records a restricted user's chart is computed for
  them alone (never from or into the shared cache); a heatmap of them is refused.
- The list sidebar's "Assigned To" counts: Frappe counts assignments of every record matching
  the filters; for the app's records only those the user may read are counted.
- The linked documents of the cancel dialog: only those the user may read are named.
- The form's own endpoints (the loader with its comments, versions, assignments and emails,
  commenting, following, assigning) are the desk's: portal users (homeowners, contractors) read their own
  records over REST and in the portal, never the staff's conversation about them.
"""

from __future__ import annotations

import inspect

import frappe
from frappe import _
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as frappe_chart_get
from frappe.desk.form import assign_to as assignments
from frappe.desk.form import document_follow, load
from frappe.desk.form import utils as form_utils
from frappe.desk.form.linked_with import get_submitted_linked_docs as frappe_linked_docs
from frappe.desk.listview import get_group_by_count as frappe_group_by_count

from customer_service.permissions import RULES, get_scope


def isolated(doctype: str | None) -> bool:
	return bool(doctype in RULES and not RULES[doctype].staff_all)


def restricted() -> bool:
	return get_scope().kind != "all"


@frappe.whitelist()
def dashboard_chart_get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	doc = frappe.get_doc("Dashboard Chart", chart_name) if chart_name else frappe._dict(frappe.parse_json(chart or "{}"))
	if chart_name:
		doc.check_permission("read")
	if not (isolated(doc.document_type) and restricted()):
		return frappe_chart_get(
			chart_name=chart_name, chart=chart, no_cache=no_cache, filters=filters, from_date=from_date,
			to_date=to_date, timespan=timespan, time_interval=time_interval, heatmap_year=heatmap_year, refresh=refresh,
		)  # fmt: skip
	if doc.type == "Heatmap":
		frappe.throw(
			_("A heatmap of {0} is not available to users of one company").format(_(doc.document_type)),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	# Frappe's own computation (through frappe.get_list), bypassing its cache shared by every user
	return inspect.unwrap(frappe_chart_get)(
		chart_name=chart_name, chart=chart, filters=filters, from_date=from_date, to_date=to_date,
		timespan=timespan, time_interval=time_interval, heatmap_year=heatmap_year,
	)  # fmt: skip


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	if field != "assigned_to" or not (isolated(doctype) and restricted()):
		return frappe_group_by_count(doctype=doctype, current_filters=current_filters, field=field)
	readable = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), pluck="name", limit_page_length=0)
	if not readable:
		return []
	todo = frappe.qb.DocType("ToDo")
	user = frappe.qb.DocType("User")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.join(user)
		.on(user.name == todo.allocated_to)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& todo.reference_name.isin(readable)
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
		.run(as_dict=True)
	)


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str, ignore_doctypes_on_cancel_all=None) -> dict:
	frappe.has_permission(doctype, doc=name, throw=True)
	result = frappe_linked_docs(doctype=doctype, name=name, ignore_doctypes_on_cancel_all=ignore_doctypes_on_cancel_all)
	docs = [d for d in result["docs"] if frappe.has_permission(d["doctype"], "read", d["name"])]
	return {"docs": docs, "count": len(docs)}


# -- the form's endpoints: staff only for the app's records --------------------------------------


def check_desk_user(doctype: str | None) -> None:
	if doctype in RULES and get_scope().kind == "portal":
		frappe.throw(_("Forms of {0} are for staff").format(_(doctype)), frappe.PermissionError)


@frappe.whitelist()
def getdoc(doctype: str, name: str):
	check_desk_user(doctype)
	return load.getdoc(doctype, name)


@frappe.whitelist()
def get_docinfo(doc=None, doctype: str | None = None, name: str | None = None):
	check_desk_user(doctype or getattr(doc, "doctype", None))
	return load.get_docinfo(doc, doctype, name)


@frappe.whitelist()
def get_communications(doctype: str, name: str, start: int = 0, limit: int = 20):
	check_desk_user(doctype)
	return load.get_communications(doctype, name, start, limit)


@frappe.whitelist(methods=["POST", "PUT"])
def add_comment(reference_doctype: str, reference_name: str, content: str, comment_email: str, comment_by: str):
	check_desk_user(reference_doctype)
	return form_utils.add_comment(reference_doctype, reference_name, content, comment_email, comment_by)


@frappe.whitelist()
def update_follow(doctype: str, doc_name: str, following: bool):
	check_desk_user(doctype)
	return document_follow.update_follow(doctype, doc_name, following)


@frappe.whitelist()
def follow_document(doctype: str, doc_name: str, user: str):
	check_desk_user(doctype)
	return document_follow.follow_document(doctype, doc_name, user)


@frappe.whitelist()
def get_follow_users(doctype: str, doc_name: str):
	check_desk_user(doctype)
	return document_follow.get_follow_users(doctype, doc_name)


@frappe.whitelist()
def assign_to_add(args=None):
	check_desk_user((args or frappe.local.form_dict).get("doctype"))
	return assignments.add(args)


@frappe.whitelist()
def assign_to_add_multiple(args=None):
	check_desk_user((args or frappe.local.form_dict).get("doctype"))
	return assignments.add_multiple(args)


# Frappe calls the assignee `assign_to`, like the module: the module is reached as `assignments` here
@frappe.whitelist()
def assign_to_remove(doctype: str, name: str, assign_to: str):
	check_desk_user(doctype)
	return assignments.remove(doctype, name, assign_to)


@frappe.whitelist()
def assign_to_close(doctype: str, name: str, assign_to: str):
	check_desk_user(doctype)
	return assignments.close(doctype, name, assign_to)
