"""Frappe desk endpoints that would count or name another company's records, narrowed to what
the user may see (override_whitelisted_methods in hooks.py). Each calls Frappe's own code.

- Dashboard charts: Frappe caches a chart's data per chart for every user, and computes a
  heatmap without permissions. For the app's records a restricted user's chart is computed for
  them alone (never from or into the shared cache), on the read replica where the site has one;
  a heatmap of them is refused.
- Number cards: counted on the read replica where the site has one (`read_from_replica`): the
  workbench's cards are read by every agent many times a day. Frappe's count writes nothing.
- The list sidebar's "Assigned To" counts: Frappe counts assignments of every record matching
  the filters; for the app's records only those the user may read are counted.
- The linked documents of the cancel dialog: only those the user may read are named.
- Likes, tags and follows: Frappe records them for any name it is given (a like writes a comment
  on the record, a tag writes to it, a follow mails its changes); on the app's records they need
  the user's read (like, follow) or write (tags) right, and one follows only for oneself.

Portal users (homeowners, contractors) never reach these: portal.keep_portal_users_in_the_portal
refuses them the desk's API as a whole.
"""

from __future__ import annotations

import inspect

import frappe
from frappe import _
from frappe.desk.doctype.dashboard_chart import dashboard_chart
from frappe.desk.doctype.number_card import number_card
from frappe.desk import like
from frappe.desk.doctype.tag import tag as tag_module
from frappe.desk.form import document_follow
from frappe.desk.form import linked_with
from frappe.desk import listview

from customer_service.permissions import RULES, get_scope
from customer_service.protected_fields import may_edit_stored


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
		return dashboard_chart.get(
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
	return chart_for_the_user(
		chart_name=chart_name, chart=chart, filters=filters, from_date=from_date, to_date=to_date,
		timespan=timespan, time_interval=time_interval, heatmap_year=heatmap_year,
	)  # fmt: skip


@frappe.read_only()
def chart_for_the_user(**arguments):
	"""Frappe's chart computation without its cache (which writes the chart's sync time)."""
	return inspect.unwrap(dashboard_chart.get)(**arguments)


# nosemgrep: frappe-whitelisted-method-without-permission-check — Frappe's count goes through frappe.get_list (the user's permissions)
@frappe.whitelist()
@frappe.read_only()
def number_card_get_result(doc: str | dict, filters: str | list | dict | None = None, to_date: str | None = None) -> float:
	return number_card.get_result(doc=doc, filters=filters, to_date=to_date)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	if field != "assigned_to" or not (isolated(doctype) and restricted()):
		return listview.get_group_by_count(doctype=doctype, current_filters=current_filters, field=field)
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
	result = linked_with.get_submitted_linked_docs(doctype=doctype, name=name, ignore_doctypes_on_cancel_all=ignore_doctypes_on_cancel_all)
	docs = [d for d in result["docs"] if frappe.has_permission(d["doctype"], "read", d["name"])]
	return {"docs": docs, "count": len(docs)}


# -- likes, tags and follows: Frappe checks nothing; the app's records need the user's rights --------


def check_record(doctype: str | None, names, ptype: str = "read") -> None:
	"""Refuse unless the user may `ptype` every named record of an app DocType (others: Frappe's)."""
	if doctype not in RULES:
		return
	for name in names:
		allowed = name and frappe.has_permission(doctype, ptype, name)
		if allowed and ptype == "write":  # a tag is an edit: only in a state the user may edit in
			allowed = may_edit_stored(doctype, name)
		if not allowed:
			frappe.throw(_("You cannot change {0} {1}").format(_(doctype), name or ""), frappe.PermissionError)


def check_follower(user: str | None) -> None:
	"""One follows (or unfollows) records for oneself; a System Manager for anyone."""
	if user and user != frappe.session.user and "System Manager" not in frappe.get_roles():
		frappe.throw(_("You can only follow documents yourself"), frappe.PermissionError)


@frappe.whitelist()
def toggle_like(doctype: str, name: str, add=False):
	check_record(doctype, [name])
	return like.toggle_like(doctype, name, add)


@frappe.whitelist()
def add_tag(tag: str, dt: str, dn: str, color: str | None = None):
	check_record(dt, [dn], "write")
	return tag_module.add_tag(tag, dt, dn, color)


@frappe.whitelist()
def add_tags(tags, dt: str, docs, color: str | None = None):
	check_record(dt, frappe.parse_json(docs) or [], "write")
	return tag_module.add_tags(tags, dt, docs, color)


@frappe.whitelist()
def remove_tag(tag: str, dt: str, dn: str):
	check_record(dt, [dn], "write")
	return tag_module.remove_tag(tag, dt, dn)


@frappe.whitelist()
def follow_document(doctype: str, doc_name: str, user: str):
	check_follower(user)
	check_record(doctype, [doc_name])
	if doctype in RULES and not frappe.has_permission(doctype, "read", doc_name, user=user):
		frappe.throw(_("{0} may not read {1} {2}").format(user, _(doctype), doc_name), frappe.PermissionError)
	return document_follow.follow_document(doctype, doc_name, user)


@frappe.whitelist()
def unfollow_document(doctype: str, doc_name: str, user: str):
	check_follower(user)
	return document_follow.unfollow_document(doctype, doc_name, user)


@frappe.whitelist()
def update_follow(doctype: str, doc_name: str, following: bool):
	check_record(doctype, [doc_name])
	return document_follow.update_follow(doctype, doc_name, following)


@frappe.whitelist()
def get_follow_users(doctype: str, doc_name: str):
	check_record(doctype, [doc_name])
	return document_follow.get_follow_users(doctype, doc_name)
