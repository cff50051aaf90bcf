# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model import workflow
from frappe.utils import cint, now_datetime

from customer_service.chargebacks import book_chargeback
from customer_service.organization import get_company_of_project, get_manager_of_company
from customer_service.customer_service.doctype.service_reception.service_reception import UnitNotInProjectError
from customer_service.escalation import apply_repeat_escalation, record_pending_escalation
from customer_service.revisits import check_callback_before_close, create_callback
from customer_service.routing import check_responsible, reassign, release_assignments, route
from customer_service.service_desk import check_reception_open, update_reception_status, update_topic_counts
from customer_service.settings import get_settings
from customer_service.sla import completion, set_deadlines, track_pause
from customer_service.state_categories import TASK_ACTIVE, TASK_FINISHED, entered, in_category, initial_state, left
from customer_service.systemic_defects import check_systemic
from customer_service.warranty import apply_warranty

EVIDENCE_TASK_TYPES = ("Repair", "Warranty Repair", "Complaint")
WAIVER_ROLES = ("CS Manager", "CS Administrator", "System Manager")


class EvidenceMissingError(frappe.ValidationError):
	pass


class ClosedTaskError(frappe.ValidationError):
	pass


class ServiceTask(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		building: DF.Link | None
		closed_on: DF.Datetime | None
		company: DF.Link | None
		company_manager: DF.Link | None
		complaint_topic: DF.Link | None
		completed_on: DF.Datetime | None
		completion_evidence: DF.Attach | None
		contractor: DF.Link | None
		contractor_warranty_end: DF.Date | None
		cost_bearer: DF.Literal["", "Developer", "Contractor", "Homeowner"]
		description: DF.SmallText
		dispatch_by: DF.Datetime | None
		dispatch_overdue: DF.Check
		dissatisfied_count: DF.Int
		escalation_level: DF.Int
		homeowner: DF.Link | None
		inspection_defect: DF.Link | None
		is_overdue: DF.Check
		needs_routing: DF.Check
		paused_since: DF.Datetime | None
		paused_working_hours: DF.Float
		priority: DF.Literal["Emergency", "High", "Normal"]
		problem_category: DF.Link | None
		project: DF.Link | None
		received_by: DF.Link | None
		reception: DF.Link
		repeat_count: DF.Int
		resolved_in_hours: DF.Float
		resolution_by: DF.Datetime | None
		resolution_warning_at: DF.Datetime | None
		resolution_warning_sent: DF.Check
		responded_on: DF.Datetime | None
		response_by: DF.Datetime | None
		response_warning_at: DF.Datetime | None
		responsible_department: DF.Link | None
		responsible_mobile: DF.Data | None
		responsible_user: DF.Link | None
		revisit_waived: DF.Check
		revisit_waived_by: DF.Link | None
		revisit_waiver_reason: DF.SmallText | None
		sla_warning_sent: DF.Check
		solution: DF.SmallText | None
		status: DF.Link | None
		status_category: DF.Literal["Open", "Paused", "Completed", "Closed", "Cancelled"]
		task_type: DF.Literal["Complaint", "Repair", "Warranty Repair", "Consultation", "Suggestion", "Equipment"]
		unit: DF.Link | None
		warranty_end: DF.Date | None
	# end: auto-generated types

	def validate(self):
		self.set_place_from_reception()
		if self.is_new():
			self.intake()
		elif self.has_value_changed("priority") or self.has_value_changed("problem_category"):
			set_deadlines(self)
		check_responsible(self)
		self.on_status_change()
		self.validate_revisit_waiver()

	def intake(self):
		"""Decided once, when the task is created: who pays, who handles it, how far up it goes, by when."""
		check_reception_open(self.reception)
		if self.inspection_defect:
			self.cost_bearer = "Contractor"  # a defect found before handover is the builder's to fix
		else:
			apply_warranty(self)
		route(self)
		apply_repeat_escalation(self)
		set_deadlines(self)

	def after_insert(self):
		record_pending_escalation(self)
		topic = check_systemic(self.building, self.problem_category, self.project)
		if topic:
			self.complaint_topic = frappe.db.get_value("Service Task", self.name, "complaint_topic")

	def on_update(self):
		before = self.get_doc_before_save()
		if self.has_value_changed("responsible_user"):
			reassign(self, before and before.responsible_user)
		if entered(self, "Completed"):
			create_callback(self)
		book_chargeback(self)
		if entered(self, *TASK_FINISHED):
			release_assignments(self)
		update_reception_status(self.reception)
		for topic in {self.complaint_topic, before and before.complaint_topic}:
			update_topic_counts(topic)

	def on_trash(self):
		if frappe.db.get_value(self.doctype, self.name, "status_category") == "Closed":
			frappe.throw(_("Closed task {0} cannot be deleted").format(self.name), title=_("Not Allowed"), exc=ClosedTaskError)

	def after_delete(self):
		update_reception_status(self.reception)
		update_topic_counts(self.complaint_topic)

	def set_place_from_reception(self):
		"""Homeowner, unit, project, building and company come from the reception (and the unit,
		which must lie in the reception's project), never from the request."""
		reception = frappe.db.get_value(
			"Service Reception", self.reception, ["homeowner", "unit", "project", "company"], as_dict=True
		)
		if self.is_new() or not self.unit:
			self.unit = self.unit or reception.unit
		if reception.homeowner:
			self.homeowner = reception.homeowner
		if self.unit:
			unit_project, building = frappe.db.get_value("Property Unit", self.unit, ["project", "building"])
			if reception.project and unit_project != reception.project:
				frappe.throw(
					_("Unit {0} is not in project {1}").format(self.unit, reception.project),
					title=_("Unit Not In Project"),
					exc=UnitNotInProjectError,
				)
			self.project, self.building = unit_project, building
		else:
			self.project, self.building = reception.project, None
		self.company = get_company_of_project(self.project) if self.project else reception.company
		self.company_manager = get_manager_of_company(self.company)

	def on_status_change(self):
		"""What a move to another state means, read from the state's category: leaving the first
		state is the dispatch (someone must be responsible), the next move is the first response,
		Completed needs evidence, Closed a callback, and Paused stops the resolution clock."""
		if self.is_new() or not self.has_value_changed("status"):
			return
		workflow.validate_workflow(self)  # a transition the workflow refuses is reported before any other rule
		previous = self.get_doc_before_save().status
		first = initial_state(self.doctype)
		now = now_datetime()
		if previous == first:
			self.dispatch_overdue = 0
			self.dispatched_on = self.dispatched_on or now
			if in_category(self, *TASK_ACTIVE) and not (self.responsible_user or self.contractor):
				frappe.throw(
					_("Set a responsible user or contractor before assigning task {0}").format(self.name),
					title=_("Not Assigned"),
				)
		elif not self.responded_on:
			self.responded_on = now
		track_pause(self)  # first: completing straight from a pause ends the pause before the hours are counted
		if entered(self, "Completed"):
			self.check_completion_evidence()
			self.update(completion(self, now))
		elif left(self, "Completed") and not in_category(self, "Closed"):
			self.update(completion(self, None))  # reopened: not resolved any more
		if entered(self, "Closed"):
			check_callback_before_close(self)
			self.closed_on = now

	def check_completion_evidence(self):
		if self.task_type not in EVIDENCE_TASK_TYPES or not cint(get_settings().require_completion_evidence):
			return
		attached = frappe.db.exists("File", {"attached_to_doctype": self.doctype, "attached_to_name": self.name})
		if not (self.completion_evidence or attached):
			frappe.throw(
				_("Attach a photo or the signed repair slip before completing task {0}").format(self.name),
				title=_("Completion Evidence Missing"),
				exc=EvidenceMissingError,
			)

	def validate_revisit_waiver(self):
		if not self.revisit_waived or not self.has_value_changed("revisit_waived"):
			return
		if not set(WAIVER_ROLES) & set(frappe.get_roles()):
			frappe.throw(_("Only a CS Manager can waive the callback"), title=_("Not Allowed"), exc=frappe.PermissionError)
		if not self.revisit_waiver_reason:
			frappe.throw(_("Give the reason for waiving the callback"), title=_("Reason Missing"))
		self.revisit_waived_by = frappe.session.user


# Composite indexes for the queries of the SLA job, the escalation ladder and the task list, each
# led by what its query fixes (state category, flag) so a range on the deadline reads open work
# only — not the years of closed tasks (make benchmark checks every plan with EXPLAIN).
INDEXES = (
	("status_category", "is_overdue", "resolution_by"),
	("status_category", "is_overdue", "response_by"),
	("status", "dispatch_overdue", "dispatch_by"),
	("status_category", "escalation_due_by"),
	("unit", "problem_category"),
	("project", "status_category", "response_by"),
	("creation",),  # the workbench's charts of this month
	("responsible_user", "status_category"),  # the workbench's "My Open Tasks"
)
# the workbench's cards and charts of open work (open, overdue, escalated, due by today; by state
# and by department), counted from the index alone, the company isolation's columns included
# (named: MariaDB's names are at most 64 characters)
WORKBENCH_INDEX = "workbench_open_work_index"
WORKBENCH_INDEX_FIELDS = (
	"status_category", "project", "company", "is_overdue", "escalation_level", "status", "responsible_department",
	"resolution_by",
)  # fmt: skip
# indexes of earlier releases that the ones above replace (patch sla_indexes_lead_with_the_state)
RETIRED_INDEXES = ("is_overdue_resolution_by_index", "is_overdue_response_by_index", "status_category_project_company_index")


def on_doctype_update():
	for fields in INDEXES:
		frappe.db.add_index("Service Task", list(fields))
	frappe.db.add_index("Service Task", list(WORKBENCH_INDEX_FIELDS), WORKBENCH_INDEX)
