# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from customer_service import handover
from customer_service.inspection import check_unit_in_round


class UnitHandover(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from customer_service.customer_service.doctype.handover_finding.handover_finding import HandoverFinding
		from frappe.types import DF

		access_cards: DF.Int
		amended_from: DF.Link | None
		appointment: DF.Datetime | None
		company: DF.Link | None
		electricity_meter: DF.Float
		findings: DF.Table[HandoverFinding]
		gas_meter: DF.Float
		handover_date: DF.Date
		homeowner: DF.Link
		homeowner_email: DF.Data | None
		homeowner_mobile: DF.Data | None
		inspection_round: DF.Link
		keys_handed: DF.Int
		override_blocking_defects: DF.Check
		override_by: DF.Link | None
		override_reason: DF.SmallText | None
		previous_delivery_date: DF.Date | None
		previous_unit_status: DF.Data | None
		previous_warranty_start: DF.Date | None
		project: DF.Link | None
		unit: DF.Link
		water_meter: DF.Float
	# end: auto-generated types
	def validate(self):
		check_unit_in_round(self.inspection_round, self.unit)
		handover.check_homeowner_owns_unit(self)
		handover.check_one_handover_per_unit(self)
		handover.check_appointment(self)

	def on_update(self):
		handover.record_findings(self)

	def before_submit(self):
		handover.record_findings(self)  # the day's findings count for readiness too
		handover.check_readiness(self)

	def on_submit(self):
		handover.sign_off(self)

	def on_cancel(self):
		handover.undo_sign_off(self)
