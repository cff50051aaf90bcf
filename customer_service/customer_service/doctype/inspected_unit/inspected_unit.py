# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from customer_service.inspection import check_unit_in_round


class InspectedUnit(Document):
	"""A unit walked in a round, with or without defects: the round's progress counts these."""

	def validate(self):
		check_unit_in_round(self.inspection_round, self.unit)
