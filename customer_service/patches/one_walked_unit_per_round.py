"""A unit walked twice in one round (possible under a naming rule an admin changed) keeps its first
record; then the unique key of round and unit (Inspected Unit's on_doctype_update). Before the
model sync, which runs that on_doctype_update whenever the DocType's JSON changed."""

import frappe
from frappe.query_builder.functions import Count

from customer_service.customer_service.doctype.inspected_unit.inspected_unit import on_doctype_update


def execute():
	if not frappe.db.table_exists("Inspected Unit"):
		return  # the sync creates it, with the key
	walked = frappe.qb.DocType("Inspected Unit")
	twice = (
		frappe.qb.from_(walked)
		.select(walked.inspection_round, walked.unit)
		.groupby(walked.inspection_round, walked.unit)
		.having(Count(walked.name) > 1)
		.run()
	)
	for inspection_round, unit in twice:
		names = frappe.get_all(
			"Inspected Unit", filters={"inspection_round": inspection_round, "unit": unit}, order_by="creation asc, name asc",
			pluck="name",
		)  # fmt: skip
		frappe.db.delete("Inspected Unit", {"name": ("in", names[1:])})
	on_doctype_update()
