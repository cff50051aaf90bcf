"""Frappe desk endpoints that would count or name another company's records, narrowed to what
the user may see (override_whitelisted_methods in hooks.py). Each calls Frappe's own code.

- Dashboard charts: Frappe caches a chart's data per chart for every user, and computes a
  heatmap without permissions. For the app's records a restricted user's chart is computed for
  them alone (never from or into the shared cache); a heatmap of them is refused.
- The list sidebar's "Assigned To" counts: Frappe counts assignments of every record matching
  the filters; for the app's records only those the user may read are counted.
- The linked documents of the cancel dialog: only those the user may read are named.
"""

from __future__ import annotations

import inspect

import frappe
from frappe import _
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as frappe_chart_get
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
