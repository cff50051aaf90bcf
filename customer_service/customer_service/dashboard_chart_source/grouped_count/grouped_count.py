"""Dashboard chart source "Grouped Count": records of an app DocType counted by one field.

Unlike Frappe's own Group By charts, whose results are cached per chart for every user, the
counts are taken per request through `frappe.get_list`, so each user sees only the records the
company isolation lets them see; and the labels are translated (states, categories, channels).
"""

import frappe
from frappe import _

@frappe.whitelist()
@frappe.read_only()  # a replica serves it where the site has one (read_from_replica)
def get(
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
	chart = frappe.get_doc("Dashboard Chart", chart_name) if chart_name else frappe._dict(frappe.parse_json(chart))
	options = frappe._dict(frappe.parse_json(filters or chart.get("filters_json") or "{}"))
	doctype, field = options.get("document_type"), options.get("group_by")
	if not (doctype and field) or not frappe.get_meta(doctype).has_field(field):
		frappe.throw(_("Set the chart's DocType and the field to group by"), title=_("Chart Not Set Up"))
	rows = frappe.get_list(
		doctype,
		fields=[f"`{field}` as label", "count(*) as count"],
		filters=frappe.parse_json(options.get("filters") or "[]"),
		group_by=f"`{field}`",
		order_by="count desc",
		limit_page_length=int(options.get("limit") or 12),
	)
	df = frappe.get_meta(doctype).get_field(field)
	translate = df.fieldtype == "Select" or (df.fieldtype == "Link" and df.options == "Workflow State")
	return {
		"labels": [(_(row.label) if translate else row.label) or _("Not Set") for row in rows],
		"datasets": [{"name": _(df.label), "values": [row.count for row in rows]}],
	}
