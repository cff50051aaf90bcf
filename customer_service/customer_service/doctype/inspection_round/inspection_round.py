# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from customer_service.inspection import compute_summary, render_summary
from customer_service.permissions import on_stored_record


class InspectionRound(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from customer_service.customer_service.doctype.handover_slot.handover_slot import HandoverSlot
		from customer_service.customer_service.doctype.inspection_round_building.inspection_round_building import InspectionRoundBuilding
		from customer_service.customer_service.doctype.inspection_round_inspector.inspection_round_inspector import InspectionRoundInspector
		from frappe.types import DF

		average_days_to_rectify: DF.Float
		buildings: DF.TableMultiSelect[InspectionRoundBuilding]
		company: DF.Link | None
		defect_count: DF.Int
		end_date: DF.Date | None
		inspected_units: DF.Int
		inspectors: DF.TableMultiSelect[InspectionRoundInspector]
		open_defect_count: DF.Int
		progress_percent: DF.Percent
		project: DF.Link
		rectification_rate: DF.Percent
		rectify_days: DF.Int
		round_name: DF.Data
		round_type: DF.Literal["Internal", "Simulated", "Handover"]
		slots: DF.Table[HandoverSlot]
		start_date: DF.Date
		status: DF.Literal["Planned", "In Progress", "Completed"]
		summary: DF.HTMLEditor | None
		total_units: DF.Int
	# end: auto-generated types
	def validate(self):
		self.validate_buildings_in_project()
		self.validate_dates()
		self.validate_slots()

	def validate_buildings_in_project(self):
		for row in self.buildings:
			if frappe.db.get_value("Property Building", row.building, "project") != self.project:
				frappe.throw(
					_("Building {0} is not in project {1}").format(row.building, self.project),
					title=_("Building Not In Project"),
				)

	def validate_dates(self):
		if self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("The end date cannot be before the start date"), title=_("Invalid Dates"))

	def validate_slots(self):
		times = [str(row.slot_time) for row in self.slots]
		if len(times) != len(set(times)):
			frappe.throw(_("Each appointment time can be listed once"), title=_("Duplicate Slot"))

	def before_save(self):
		if not self.is_new():
			self.update_summary(save=False)

	@frappe.whitelist()
	@on_stored_record("read")
	def refresh_summary(self) -> dict:
		return self.update_summary(save=True)

	def update_summary(self, save: bool) -> dict:
		summary = compute_summary(self.name)
		for field in (
			"total_units",
			"inspected_units",
			"progress_percent",
			"defect_count",
			"open_defect_count",
			"rectification_rate",
			"average_days_to_rectify",
		):
			self.set(field, summary[field])
		self.summary = render_summary(self, summary)  # the form's copy; the print format renders a fresh one
		if save:
			self.db_update()
		return summary
