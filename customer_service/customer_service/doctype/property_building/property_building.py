# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from customer_service.customer_service.doctype.property_project.property_project import (
	prevent_deletion_with_units,
)
from customer_service.permissions import on_stored_record


class DuplicateBuildingError(frappe.ValidationError):
	pass


class PropertyBuilding(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		building_name: DF.Data
		company: DF.Link | None
		completion_date: DF.Date | None
		delivery_date: DF.Date | None
		floor_count: DF.Int
		phase: DF.Data | None
		project: DF.Link
		room_no_pattern: DF.Data | None
		rooms_per_floor: DF.Int
		start_floor: DF.Int
		unit_count: DF.Int
	# end: auto-generated types
	def autoname(self):
		self.name = make_building_name(self.project, self.building_name)
		if frappe.db.exists("Property Building", self.name):
			frappe.throw(
				_("Building {0} already exists in project {1}").format(self.building_name, self.project),
				title=_("Duplicate Building"),
				exc=DuplicateBuildingError,
			)

	def validate(self):
		self.building_name = (self.building_name or "").strip()

	def on_trash(self):
		prevent_deletion_with_units("building", self.name, _("building"))

	@frappe.whitelist()
	@on_stored_record("write")
	def generate_units(self) -> dict:
		from customer_service.unit_generation import generate_units

		return generate_units(self.name)


def make_building_name(project: str, building_name: str) -> str:
	return f"{project}-{building_name.strip()}"
