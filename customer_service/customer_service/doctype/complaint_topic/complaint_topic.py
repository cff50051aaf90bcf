# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from customer_service.permissions import get_scope, on_stored_record
from customer_service.state_categories import TASK_ACTIVE



class ComplaintTopic(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		building: DF.Link | None
		closed_task_count: DF.Int
		description: DF.SmallText | None
		is_systemic: DF.Check
		open_task_count: DF.Int
		problem_category: DF.Link | None
		project: DF.Link | None
		standard_solution: DF.SmallText | None
		status: DF.Literal["Open", "Resolving", "Resolved"]
		task_count: DF.Int
		topic_name: DF.Data
	# end: auto-generated types
	def validate(self):
		self.validate_building_in_project()
		if not self.project:
			self.company = self.company or get_scope().default_company

	def validate_building_in_project(self):
		if self.building and frappe.db.get_value("Property Building", self.building, "project") != self.project:
			frappe.throw(
				_("Building {0} is not in project {1}").format(self.building, self.project or ""),
				title=_("Building Not In Project"),
			)

	@frappe.whitelist()
	@on_stored_record("write")
	def apply_solution(self) -> int:
		"""Give every open task of the topic the standard solution; returns how many changed."""
		if not self.standard_solution:
			frappe.throw(_("Write the standard solution of topic {0} first").format(self.name), title=_("No Solution"))
		changed = 0
		for name in frappe.get_all(
			"Service Task", filters={"complaint_topic": self.name, "status_category": ("in", TASK_ACTIVE)}, pluck="name"
		):
			task = frappe.get_doc("Service Task", name)
			if task.solution == self.standard_solution:
				continue
			task.check_permission("write")
			task.solution = self.standard_solution
			task.add_comment("Info", _("Standard solution of complaint topic {0} applied").format(self.name))
			task.save()
			changed += 1
		return changed


def on_doctype_update():
	# the systemic check's locking read (systemic_defects.check_systemic) finds a building's topic of
	# a category on this index, and locks only those rows
	frappe.db.add_index("Complaint Topic", ["building", "problem_category", "is_systemic"])
