"""Who handles a task: category → responsible department → its manager.

The responsible user gets the task in their "Assigned To" list (a ToDo via
frappe's assign_to). Sites that prefer Assignment Rules can leave the
department without a manager and configure a rule on Service Task instead.
"""

from __future__ import annotations

import frappe
from frappe.desk.form.assign_to import add as add_assignment
from frappe.desk.form.assign_to import close_all_assignments
from frappe.desk.form.assign_to import get as get_assignments
from frappe.desk.form.assign_to import remove as remove_assignment

from customer_service.customer_service.doctype.problem_category.problem_category import get_category_setting


def route(task) -> None:
	if not task.responsible_department:
		task.responsible_department = get_category_setting(task.problem_category, "responsible_department")
	if not task.responsible_user and task.responsible_department:
		task.responsible_user = frappe.db.get_value("Service Organization", task.responsible_department, "manager")
	if task.responsible_user:
		task.responsible_mobile = frappe.db.get_value("User", task.responsible_user, "mobile_no")


def assign_responsible_user(task) -> None:
	"""Put the task in the responsible user's ToDo list (once)."""
	if not task.responsible_user:
		return
	assigned = {row.get("owner") for row in get_assignments({"doctype": task.doctype, "name": task.name})}
	if task.responsible_user in assigned:
		return
	add_assignment(
		{
			"doctype": task.doctype,
			"name": task.name,
			"assign_to": [task.responsible_user],
			"description": task.description,
			"date": task.resolution_by and str(task.resolution_by)[:10],
		},
		ignore_permissions=True,
	)
	task.run_method("on_assignment")  # the "Service Task Assigned" notifications (and doc_events hooks)


def reassign(task, previous_user: str | None) -> None:
	"""The ToDo follows the responsible user: the previous one's is cancelled, the new one's opened."""
	if previous_user and previous_user != task.responsible_user:
		assigned = {row.get("owner") for row in get_assignments({"doctype": task.doctype, "name": task.name})}
		if previous_user in assigned:
			remove_assignment(task.doctype, task.name, previous_user, ignore_permissions=True)
	assign_responsible_user(task)


def release_assignments(task) -> None:
	"""A finished task leaves nobody's ToDo list."""
	close_all_assignments(task.doctype, task.name, ignore_permissions=True)
