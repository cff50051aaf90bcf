"""Tasks completed before `resolved_in_hours` existed get theirs, so that a manager's Report Builder
average over the years is not pulled down by zeros: the same computation as a task completing
today (working hours from its reception to its completion, without its pauses)."""

import frappe

from customer_service.sla import completion


def execute():
	tasks = frappe.get_all(
		"Service Task",
		filters={"completed_on": ("is", "set"), "resolved_in_hours": 0, "status_category": ("in", ("Completed", "Closed"))},
		fields=["name", "reception", "creation", "priority", "paused_working_hours", "completed_on"],
	)
	for task in tasks:
		hours = completion(task, task.completed_on)["resolved_in_hours"]
		frappe.db.set_value("Service Task", task.name, "resolved_in_hours", hours, update_modified=False)
