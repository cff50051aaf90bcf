"""Penalties booked before Service Penalty had a project get their task's, so company isolation shows them."""

import frappe


def execute():
	penalty = frappe.qb.DocType("Service Penalty")
	task = frappe.qb.DocType("Service Task")
	(
		frappe.qb.update(penalty)
		.join(task)
		.on(task.name == penalty.task)
		.set(penalty.project, task.project)
		.where(penalty.project.isnull())
		.run()
	)
