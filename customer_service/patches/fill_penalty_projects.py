"""Penalties booked before Service Penalty had a project get their task's, so company isolation shows them."""

import frappe


def execute():
	for penalty in frappe.get_all("Service Penalty", filters={"project": ("is", "not set")}, fields=["name", "task"]):
		project = frappe.db.get_value("Service Task", penalty.task, "project")
		if project:
			frappe.db.set_value("Service Penalty", penalty.name, "project", project, update_modified=False)
