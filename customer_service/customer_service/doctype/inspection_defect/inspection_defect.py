# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

"""An inspection defect's lifecycle runs on the Inspection Defect Workflow (admin-editable);
what each move means comes from the category of the state it enters (To Dispatch, Dispatched,
Rectified, Verified, Cancelled). The defect drives its Service Task along: dispatched → the task
is at work, rectified → completed, verified → closed, rejected → back to work."""

import frappe
from frappe import _
from frappe.core.doctype.file.utils import attach_files_to_document
from frappe.model.document import Document
from frappe.model import workflow
from frappe.utils import cint, now_datetime, strip_html

from customer_service import inspection
from customer_service.attachments import make_attachments_private
from customer_service.permissions import on_stored_record
from customer_service.protected_fields import check_protected_fields
from customer_service.settings import get_settings
from customer_service.sla import completion
from customer_service.state_categories import (
	TASK_FINISHED,
	category_of,
	entered,
	last_open_state,
	left,
	set_state,
	state_for,
	transition_target,
)
from customer_service.systemic_defects import check_systemic


class NoSuchMoveError(frappe.ValidationError):
	pass


class EvidenceMissingError(frappe.ValidationError):
	pass


class InspectionDefect(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		building: DF.Link | None
		client_id: DF.Data | None
		company_manager: DF.Link | None
		contractor: DF.Link | None
		contractor_email: DF.Data | None
		contractor_mobile: DF.Data | None
		description: DF.SmallText
		dispatched_on: DF.Datetime | None
		inspection_round: DF.Link
		is_overdue: DF.Check
		location: DF.Data | None
		photo: DF.AttachImage | None
		problem_category: DF.Link
		project: DF.Link | None
		rectified_on: DF.Datetime | None
		rectify_by: DF.Date | None
		rejection_count: DF.Int
		service_task: DF.Link | None
		rejection_reason: DF.SmallText | None
		status: DF.Link | None
		status_category: DF.Literal["To Dispatch", "Dispatched", "Rectified", "Verified", "Cancelled"]
		unit: DF.Link
		verified_by: DF.Link | None
		verified_on: DF.Datetime | None
	# end: auto-generated types
	def validate(self):
		check_protected_fields(self, inspection.locked_fields(self))
		if self.is_new() or self.has_value_changed("unit"):
			inspection.check_unit_in_round(self.inspection_round, self.unit)
		inspection.fill_contractor(self)
		self.company_manager = inspection.manager_of_project(self.project)
		if not self.rectify_by:
			self.rectify_by = inspection.default_rectify_by(self)
		self.on_state_change()

	def after_insert(self):
		if not self.flags.defer_post_save:  # a bulk upload checks once per building and category
			check_systemic(self.building, self.problem_category, self.project)

	def run_post_save_methods(self):
		if not (self.flags.defer_post_save and self.flags.in_insert):  # a save from a hook is a save
			super().run_post_save_methods()
			return
		# a bulk upload's insert: inspection.finish_recorded_defects runs the rest after the commit,
		# but the photo is attached (and made private) now
		attach_files_to_document(self, "on_update")
		make_attachments_private(self)
		if (self.doctype, self.name) in frappe.flags.currently_saving:
			frappe.flags.currently_saving.remove((self.doctype, self.name))

	def on_update(self):
		self.drive_task()

	# -- what a move means ------------------------------------------------------------

	def on_state_change(self):
		if self.is_new() or not self.has_value_changed("status"):
			return
		workflow.validate_workflow(self)
		now = now_datetime()
		if entered(self, "Dispatched") and left(self, "To Dispatch"):
			self.check_dispatch()
			self.dispatched_on = now
		if entered(self, "Dispatched") and left(self, "Rectified"):  # rejected: the work goes back
			inspection.check_inspector(self.inspection_round)
			self.rejection_count = cint(self.rejection_count) + 1
			self.rectified_on = None
		if entered(self, "Rectified"):
			self.check_rectification_evidence()
			self.rectified_on = now
			self.is_overdue = 0
		if entered(self, "Verified"):
			inspection.check_inspector(self.inspection_round)
			self.verified_on = now
			self.verified_by = frappe.session.user

	def check_rectification_evidence(self):
		"""With completion evidence required (settings), a defect is rectified with a note and a photo."""
		if not cint(get_settings().require_completion_evidence):
			return
		photo = self.rectification_photo or frappe.db.exists(
			"File", {"attached_to_doctype": self.doctype, "attached_to_name": self.name, "file_url": ("!=", self.photo or "")}
		)
		if not (self.rectification_note and photo):
			frappe.throw(
				_("Describe the rectification and attach a photo of it before marking defect {0} rectified").format(self.name),
				title=_("Rectification Evidence Missing"),
				exc=EvidenceMissingError,
			)

	def check_dispatch(self):
		inspection.check_staff()
		if not self.contractor:
			frappe.throw(
				_("Defect {0} has no contractor: set one before dispatching").format(self.name),
				title=_("No Contractor"),
			)

	def drive_task(self):
		"""The defect's task follows it: created and at work on dispatch, completed when rectified,
		closed when verified, back at work when rejected, cancelled with the defect."""
		if not self.has_value_changed("status_category"):
			return
		if entered(self, "Dispatched") and not self.service_task:
			self.db_set("service_task", inspection.create_task_for_defect(self))
		if not self.service_task:
			return
		task = frappe.get_doc("Service Task", self.service_task)
		if task.status_category in TASK_FINISHED:
			return
		now = now_datetime()
		if entered(self, "Dispatched") and left(self, "To Dispatch"):
			# dispatching is the assignment and the contractor's answer: the task goes straight to work
			set_state(task, last_open_state(task.doctype), responded_on=now)
		elif entered(self, "Dispatched"):
			target = transition_target(task.doctype, task.status, "Open") or last_open_state(task.doctype)
			self.move_task(task, target, **completion(task, None))
		elif entered(self, "Rectified"):
			self.move_task(task, state_for(task.doctype, "Completed", task.status), **completion(task, self.rectified_on))
		elif entered(self, "Verified"):
			self.move_task(task, state_for(task.doctype, "Closed", task.status), closed_on=self.verified_on)
		elif entered(self, "Cancelled"):
			self.move_task(task, state_for(task.doctype, "Cancelled", task.status))

	def move_task(self, task, state: str, **values):
		"""A system transition of the defect's task, recorded on the task."""
		set_state(task, state, **values)
		task.add_comment("Info", _("Status set to {0} by its inspection defect").format(_(state)))
		if task.status_category in TASK_FINISHED:
			from customer_service.routing import release_assignments

			release_assignments(task)
		from customer_service.service_desk import update_reception_status

		update_reception_status(task.reception)

	# -- the moves, for the desk buttons, the mobile app and the contractors' portal ----

	def move_to(self, category: str) -> None:
		"""Apply the workflow transition from the current state into `category` that the user may take."""
		for transition in workflow.get_transitions(self):
			if category_of(self.doctype, transition["next_state"]) == category:
				workflow.apply_workflow(self, transition["action"])
				self.reload()
				return
		self.refuse_move(category)

	def refuse_move(self, category: str):
		frappe.throw(
			_("Defect {0} is {1} and cannot become {2}").format(self.name, _(self.status), _(category)),
			title=_("Not Allowed"),
			exc=NoSuchMoveError,
		)

	@frappe.whitelist()
	@on_stored_record("write")
	def dispatch(self) -> str:
		self.move_to("Dispatched")
		return self.service_task

	@frappe.whitelist()
	@on_stored_record("write")
	def mark_rectified(self, note: str | None = None, photo: str | None = None) -> None:
		self.rectify(note, photo)

	def rectify(self, note: str | None = None, photo: str | None = None) -> None:
		"""Rectified, with what was done and a photo of it (the evidence the settings may require):
		the photo is one of the files attached to this defect."""
		if photo and not frappe.db.exists(
			"File", {"file_url": photo, "attached_to_doctype": self.doctype, "attached_to_name": self.name}
		):
			frappe.throw(
				_("Attach the photo to defect {0} first").format(self.name), title=_("Photo Not Found"), exc=EvidenceMissingError
			)
		if note or photo:
			self.rectification_note = strip_html(note).strip() if note else self.rectification_note
			self.rectification_photo = photo or self.rectification_photo
			self.db_set({"rectification_note": self.rectification_note, "rectification_photo": self.rectification_photo})
		self.move_to("Rectified")

	@frappe.whitelist()
	@on_stored_record("write")
	def verify(self) -> None:
		self.move_to("Verified")

	@frappe.whitelist()
	@on_stored_record("write")
	def reject(self, reason: str | None = None) -> None:
		"""Rectified → back to the contractor, with the inspector's reason."""
		if self.status_category != "Rectified":
			self.refuse_move("Dispatched")
		self.move_to("Dispatched")
		if reason:
			self.db_set("rejection_reason", reason)
			self.add_comment("Comment", _("Rejected: {0}").format(reason))


def on_doctype_update():
	# the workbench's "Open Defects" and "Open Defects by Round", counted from the index alone
	frappe.db.add_index("Inspection Defect", ["status_category", "project", "inspection_round"])
