# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt
"""Contractor scorecard: defects, rectification rate, overdue, average days, rejections."""

import frappe
from frappe import _
from frappe.query_builder.functions import Avg, Count, Sum
from frappe.utils import getdate, nowdate

from customer_service.permissions import get_allowed_projects
from customer_service.state_categories import DEFECT_OPEN
from customer_service.reports import report

DONE = ("Rectified", "Verified")


@report
def execute(filters):
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "contractor", "label": _("Contractor"), "fieldtype": "Link", "options": "Contractor", "width": 220},
		{"fieldname": "defects", "label": _("Defects"), "fieldtype": "Int", "width": 90},
		{"fieldname": "rectified", "label": _("Rectified"), "fieldtype": "Int", "width": 90},
		{"fieldname": "rectification_rate", "label": _("Rectification Rate"), "fieldtype": "Percent", "width": 130},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 90},
		{"fieldname": "average_days", "label": _("Average Days to Rectify"), "fieldtype": "Float", "precision": 1, "width": 160},
		{"fieldname": "rejections", "label": _("Rejections"), "fieldtype": "Int", "width": 100},
	]


def get_data(filters) -> list[dict]:
	defect = frappe.qb.DocType("Inspection Defect")
	done = defect.status_category.isin(DONE)
	overdue = defect.status_category.isin(DEFECT_OPEN) & (defect.rectify_by < getdate(nowdate()))
	days = frappe.qb.terms.Case().when(done, frappe.qb.functions("DATEDIFF", defect.rectified_on, defect.dispatched_on))
	query = (
		frappe.qb.from_(defect)
		.select(
			defect.contractor,
			Count(defect.name).as_("defects"),
			Sum(frappe.qb.terms.Case().when(done, 1).else_(0)).as_("rectified"),
			Sum(frappe.qb.terms.Case().when(overdue, 1).else_(0)).as_("overdue"),
			Avg(days).as_("average_days"),
			Sum(defect.rejection_count).as_("rejections"),
		)
		.where(defect.contractor.isnotnull())
		.groupby(defect.contractor)
		.orderby(defect.contractor)
	)
	for field in ("project", "inspection_round", "contractor"):
		if filters.get(field):
			query = query.where(defect[field] == filters.get(field))
	projects = get_allowed_projects()  # the same company isolation as the lists
	if projects is not None:
		query = query.where(defect.project.isin(projects or [""]))
	rows = query.run(as_dict=True)
	for row in rows:
		row.rectification_rate = round(100 * (row.rectified or 0) / row.defects, 1) if row.defects else 0
		row.average_days = round(row.average_days or 0, 1)
		row.rejections = int(row.rejections or 0)
	return rows
