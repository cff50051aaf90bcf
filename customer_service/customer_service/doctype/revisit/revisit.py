# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from customer_service.escalation import DISSATISFIED as DISSATISFIED_CALLBACK
from customer_service.escalation import escalate
from customer_service.revisits import DISSATISFIED
from customer_service.setup.rules import TASK_CALLBACK
from customer_service.sla import completion
from customer_service.state_categories import last_open_state, set_state, transition_target


class RevisitNotAllowedError(frappe.ValidationError):
	pass


class Revisit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agent: DF.Link | None
		comment: DF.SmallText | None
		company: DF.Link | None
		due_date: DF.Date | None
		follow_up_task: DF.Link | None
		homeowner: DF.Link | None
		method: DF.Literal["Phone", "Visit", "Portal"]
		project: DF.Link | None
		revisit_type: DF.Link
		schedule_key: DF.Data | None
		revisited_by: DF.Link | None
		revisited_on: DF.Datetime | None
		satisfaction: DF.Literal["", "Very Satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very Dissatisfied"]
		status: DF.Literal["Open", "Done"]
		task: DF.Link | None
		unit: DF.Link | None
		unit_handover: DF.Link | None
	# end: auto-generated types
	def validate(self):
		self.set_place_from_task()
		self.validate_task_callback()
		self.set_done()

	def set_place_from_task(self):
		"""A task's revisit is about the task's unit and homeowner, never what the request says."""
		if not self.task:
			return
		self.unit, self.homeowner = frappe.db.get_value("Service Task", self.task, ["unit", "homeowner"])
		self.project = frappe.db.get_value("Property Unit", self.unit, "project") if self.unit else None
		self.company = (
			frappe.db.get_value("Property Project", self.project, "company")
			if self.project
			else frappe.db.get_value("Service Task", self.task, "company")
		)

	def validate_task_callback(self):
		if self.revisit_type != TASK_CALLBACK:
			return
		if not self.task:
			frappe.throw(_("A task callback needs its task"), title=_("Task Missing"), exc=RevisitNotAllowedError)
		if self.is_new() or self.has_value_changed("satisfaction"):
			status, category = frappe.db.get_value("Service Task", self.task, ["status", "status_category"])
			if category != "Completed" and self.status == "Open":
				frappe.throw(
					_("Task {0} is {1}: only a completed task can be called back").format(self.task, _(status)),
					title=_("Task Not Completed"),
					exc=RevisitNotAllowedError,
				)

	def set_done(self):
		if self.satisfaction and self.status == "Open":
			self.status = "Done"
			self.revisited_by = frappe.session.user
			self.revisited_on = now_datetime()

	def on_update(self):
		if self.has_value_changed("status") and self.status == "Done" and self.satisfaction in DISSATISFIED:
			if self.task:
				reopen_task(self)
			else:
				raise_follow_up_task(self)


def reopen_task(revisit) -> None:
	"""A dissatisfied callback sends the task back to work and counts toward escalation.

	Callbacks of one task are taken one at a time (its row is locked): a second dissatisfied
	callback at the same moment finds the task reopened already and changes nothing more.
	"""
	if frappe.db.get_value("Service Task", revisit.task, "status_category", for_update=True) != "Completed":
		return
	t = frappe.qb.DocType("Service Task")
	frappe.qb.update(t).set(t.dissatisfied_count, t.dissatisfied_count + 1).where(t.name == revisit.task).run()
	task = frappe.get_doc("Service Task", revisit.task)
	set_state(task, reopened_state(task), **completion(task, None))
	task.add_comment("Info", _("Reopened after dissatisfied callback {0}").format(revisit.name))
	escalate(task.name, DISSATISFIED_CALLBACK, note=revisit.comment)


def reopened_state(task) -> str:
	"""Where a reopened task goes: the workflow's transition from its Completed state back to open
	work (Reopen), else the state work happens in."""
	return transition_target(task.doctype, task.status, "Open") or last_open_state(task.doctype)


CHANNEL_OF_METHOD = {"Phone": "Phone", "Visit": "Visit", "Portal": "Portal"}


def raise_follow_up_task(revisit) -> None:
	"""A dissatisfied scheduled revisit (no task behind it) becomes a new complaint."""
	reception = frappe.get_doc(
		{
			"doctype": "Service Reception",
			"channel": CHANNEL_OF_METHOD.get(revisit.method, "Phone"),
			"homeowner": revisit.homeowner,
			"unit": revisit.unit,
			"content": revisit.comment or _("Dissatisfied at revisit {0}").format(revisit.name),
		}
	).insert(ignore_permissions=True)
	task = frappe.get_doc(
		{
			"doctype": "Service Task",
			"reception": reception.name,
			"task_type": "Complaint",
			"priority": "High",
			"description": revisit.comment or _("Dissatisfied at revisit {0}").format(revisit.name),
		}
	)
	task.flags.ignore_permissions = True
	task.insert()
	revisit.db_set("follow_up_task", task.name)


def on_doctype_update():
	# the workbench's "Revisits Due" (open, due by today) and "Satisfied Callbacks This Month", and
	# the satisfaction reports' answered revisits of a period, counted from the index alone (the
	# company isolation's columns included)
	frappe.db.add_index("Revisit", ["status", "due_date", "project", "company"])
	frappe.db.add_index("Revisit", ["revisited_on", "satisfaction", "status", "project", "company"])
