"""The monthly report to management (每月28日前提供上月数据报表): Frappe Auto Email Reports of SLA
compliance and satisfaction for the previous month, sent on the 1st (Frappe's monthly schedule).
Shipped disabled and without recipients: an admin sets them and enables each. Created when
missing, never overwritten (an admin's recipients, format and filters stay)."""

import frappe

MONTHLY_REPORTS = ("SLA Compliance", "Satisfaction Rate")


def create_monthly_reports() -> None:
	for report in MONTHLY_REPORTS:
		if frappe.db.exists("Auto Email Report", {"report": report}) or not frappe.db.exists("Report", report):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Auto Email Report",
				"report": report,
				"user": "Administrator",
				"enabled": 0,
				"frequency": "Monthly",
				"format": "XLSX",
				"filters": "{}",
				"dynamic_date_period": "Monthly",  # the month before the day it is sent
				"from_date_field": "from_date",
				"to_date_field": "to_date",
				"email_to": "",
				"description": "Sent on the 1st with the previous month's figures (management wants them by the 28th). Set the recipients, then enable it.",
			}
		)
		doc.flags.ignore_mandatory = True
		doc.insert(ignore_permissions=True)


def remove_monthly_reports() -> None:
	for name in frappe.get_all("Auto Email Report", {"report": ("in", MONTHLY_REPORTS)}, pluck="name"):
		frappe.delete_doc("Auto Email Report", name, force=True, ignore_permissions=True)
