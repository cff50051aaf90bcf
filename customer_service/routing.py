"""Who handles a task: category → the department of the task's company → its manager.

The department is chosen within the task's company (a category names one department per
company; its default department only serves the company it belongs to), so a task never goes
to another company's staff. The responsible user gets the task in their "Assigned To" list (a
ToDo via frappe's assign_to); a user who may not see the task is refused, never given a share.
Sites that prefer Assignment Rules can leave departments without a manager and configure a rule
on Service Task instead.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.desk.form import assign_to

from customer_service.categories import department_for_company
from customer_service.organization import get_company_of, get_manager_of
from customer_service.permissions import OutOfScopeError, user_may_read


def route(task) -> None:
	"""At creation: the company's department for the category and its manager, where they may see the task."""
	if not task.responsible_department:
		task.responsible_department = department_for_company(task.problem_category, task.company)
	if not task.responsible_user and task.responsible_department:
		manager = get_manager_of(task.responsible_department)
		if manager and user_may_read(task, manager):
			task.responsible_user = manager


def check_responsible(task) -> None:
	"""The department belongs to the task's company; the responsible user may see the task."""
	if task.responsible_department and (task.is_new() or task.has_value_changed("responsible_department")):
		if task.company and get_company_of(task.responsible_department) != task.company:
			frappe.throw(
				_("Department {0} is not part of company {1}, which task {2} belongs to").format(
					task.responsible_department, task.company, task.name or _("New")
				),
				title=_("Department of Another Company"),
				exc=OutOfScopeError,
			)
	if task.responsible_user and (task.is_new() or task.has_value_changed("responsible_user")):
		if not user_may_read(task, task.responsible_user):
			frappe.throw(
				_("{0} cannot see task {1} (another company's work): choose someone of company {2}").format(
					task.responsible_user, task.name or _("New"), task.company or ""
				),
				title=_("Not Permitted"),
				exc=OutOfScopeError,
			)
	if task.responsible_user:
		task.responsible_mobile = frappe.db.get_value("User", task.responsible_user, "mobile_no")


def assign_responsible_user(task) -> None:
	"""Put the task in the responsible user's ToDo list (once)."""
	if not task.responsible_user:
		return
	assigned = {row.get("owner") for row in assign_to.get({"doctype": task.doctype, "name": task.name})}
	if task.responsible_user in assigned:
		return
	assign_to.add(
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
		assigned = {row.get("owner") for row in assign_to.get({"doctype": task.doctype, "name": task.name})}
		if previous_user in assigned:
			assign_to.remove(task.doctype, task.name, previous_user, ignore_permissions=True)
	assign_responsible_user(task)


def release_assignments(task) -> None:
	"""A finished task leaves nobody's ToDo list."""
	assign_to.close_all_assignments(task.doctype, task.name, ignore_permissions=True)
