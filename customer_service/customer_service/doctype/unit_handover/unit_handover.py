# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from customer_service import handover
from customer_service.inspection import check_unit_in_round


class UnitHandover(Document):
	def validate(self):
		check_unit_in_round(self.inspection_round, self.unit)
		handover.check_appointment(self)

	def on_update(self):
		handover.record_findings(self)

	def before_submit(self):
		handover.check_readiness(self)

	def on_submit(self):
		handover.record_findings(self)
		handover.sign_off(self)

	def on_cancel(self):
		handover.undo_sign_off(self)
