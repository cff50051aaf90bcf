# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Remaining warranty of each unit per problem category (homeowner's and contractor's clocks)."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, nowdate

from customer_service.warranty import warranty_end
from customer_service.reports import report

MAX_UNITS = 500


@report
def execute(filters):
	if not (filters.unit or filters.building):
		return get_columns(), [], _("Choose a unit or a building")
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "Property Unit", "width": 200},
		{"fieldname": "problem_category", "label": _("Problem Category"), "fieldtype": "Link", "options": "Problem Category", "width": 160},
		{"fieldname": "part", "label": _("Part"), "fieldtype": "Link", "options": "Problem Category", "width": 120},
		{"fieldname": "warranty_end", "label": _("Homeowner Warranty Ends"), "fieldtype": "Date", "width": 150},
		{"fieldname": "days_remaining", "label": _("Days Remaining"), "fieldtype": "Int", "width": 120},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "contractor_warranty_end", "label": _("Contractor Warranty Ends"), "fieldtype": "Date", "width": 160},
	]


def get_data(filters) -> list[dict]:
	unit_filters = {"name": filters.unit} if filters.unit else {"building": filters.building}
	units = frappe.get_list(
		"Property Unit", filters=unit_filters, fields=["name", "building", "warranty_start"], limit_page_length=MAX_UNITS, order_by="name"
	)
	completion = {
		b.name: b.completion_date
		for b in frappe.get_all("Property Building", filters={"name": ("in", list({u.building for u in units}) or [""])}, fields=["name", "completion_date"])
	}
	category_filters = {"is_group": 0, "disabled": 0, "warranty_months": (">", 0)}
	if filters.part:
		lft, rgt = frappe.db.get_value("Problem Category", filters.part, ["lft", "rgt"])
		category_filters.update({"lft": (">", lft), "rgt": ("<", rgt)})
	categories = frappe.get_all(
		"Problem Category",
		filters=category_filters,
		fields=["name", "parent_problem_category", "warranty_months", "contractor_warranty_months"],
		order_by="lft",
	)
	today = getdate(nowdate())
	rows = []
	for unit in units:
		for category in categories:
			end = warranty_end(unit.warranty_start, category.warranty_months)
			rows.append(
				{
					"unit": unit.name,
					"problem_category": category.name,
					"part": category.parent_problem_category,
					"warranty_end": end,
					"days_remaining": date_diff(end, today) if end else None,
					"status": _("Not Delivered") if not end else _("In Warranty") if end >= today else _("Expired"),
					"contractor_warranty_end": warranty_end(completion.get(unit.building), category.contractor_warranty_months),
				}
			)
	return rows
