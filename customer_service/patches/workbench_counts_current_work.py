"""The workbench's charts of an upgraded site count current work (open tasks by state, this month's
receptions and tasks) instead of every record ever: a chart still counting everything, as the app
shipped it (with or without an empty filter list, as earlier releases wrote it), gets the new
filters; one an admin gave filters of their own stays as they left it. The tasks' indexes that
this month's chart and the cards read are made here too (migrate does not re-run on_doctype_update
for an unchanged DocType)."""

import json

import frappe

from customer_service.customer_service.doctype.service_task.service_task import on_doctype_update
from customer_service.setup.workspace import CHARTS

# the charts that counted every record before (their shipped filters were empty)
COUNTED_EVERYTHING = ("Tasks by Status", "Receptions by Channel", "Receptions by Status", "Tasks by Status Category")


def execute():
	on_doctype_update()
	for chart_name, doctype, group_by, *options in CHARTS:
		if chart_name not in COUNTED_EVERYTHING or not frappe.db.exists("Dashboard Chart", chart_name):
			continue
		stored = json.loads(frappe.db.get_value("Dashboard Chart", chart_name, "filters_json") or "{}")
		unedited = (
			stored.get("document_type") == doctype
			and stored.get("group_by") == group_by
			and not json.loads(stored.get("filters") or "[]")
		)
		if unedited and options:
			stored["filters"] = json.dumps(options[0])
			frappe.db.set_value("Dashboard Chart", chart_name, "filters_json", json.dumps(stored))
