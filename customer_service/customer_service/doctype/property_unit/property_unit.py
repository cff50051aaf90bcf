# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from customer_service.unit_numbering import make_unit_name


class DuplicateUnitError(frappe.ValidationError):
	pass


class BuildingProjectMismatchError(frappe.ValidationError):
	pass


class PropertyUnit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		building: DF.Link
		company: DF.Link | None
		contract_date: DF.Date | None
		delivery_date: DF.Date | None
		floor: DF.Int
		gross_area: DF.Float
		homeowner_email: DF.Data | None
		homeowner_mobile: DF.Data | None
		layout: DF.Data | None
		next_warranty_expiry: DF.Date | None
		primary_homeowner: DF.Link | None
		project: DF.Link
		room_no: DF.Data
		status: DF.Literal["Vacant", "Reserved", "Sold", "Delivered", "Occupied"]
		unit_no: DF.Data
		warranty_start: DF.Date | None
	# end: auto-generated types
	def autoname(self):
		self.name = make_unit_name(self.building, self.unit_no, self.room_no)
		if frappe.db.exists("Property Unit", self.name):
			frappe.throw(
				_("Unit {0} already exists").format(self.name),
				title=_("Duplicate Unit"),
				exc=DuplicateUnitError,
			)

	def validate(self):
		self.validate_building_in_project()
		self.set_warranty_start()

	def validate_building_in_project(self):
		building_project = frappe.db.get_value("Property Building", self.building, "project")
		if building_project != self.project:
			frappe.throw(
				_("Building {0} belongs to project {1}, not to project {2}").format(
					self.building, building_project, self.project
				),
				title=_("Building Not In Project"),
				exc=BuildingProjectMismatchError,
			)

	def set_warranty_start(self):
		if self.delivery_date and not self.warranty_start:
			self.warranty_start = self.delivery_date
		if self.is_new() or self.has_value_changed("warranty_start"):
			from customer_service.warranty import next_warranty_expiry

			self.next_warranty_expiry = next_warranty_expiry(self.warranty_start)
