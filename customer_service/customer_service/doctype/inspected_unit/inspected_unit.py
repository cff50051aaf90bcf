# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document

from customer_service.inspection import check_unit_in_round


class InspectedUnit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		inspected_by: DF.Link | None
		inspected_on: DF.Datetime | None
		inspection_round: DF.Link
		project: DF.Link | None
		unit: DF.Link
	# end: auto-generated types
	"""A unit walked in a round, with or without defects: the round's progress counts these."""

	def validate(self):
		check_unit_in_round(self.inspection_round, self.unit)


def on_doctype_update():
	# a unit is walked once per round, whatever the naming rule: two devices recording it at the same
	# moment write one row (inspection.mark_units_inspected skips the duplicate)
	frappe.db.add_unique("Inspected Unit", ["inspection_round", "unit"], constraint_name="inspection_round_unit")
