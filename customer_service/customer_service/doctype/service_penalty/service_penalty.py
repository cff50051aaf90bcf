# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class ServicePenalty(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		escalation: DF.Link | None
		level: DF.Int
		party: DF.DynamicLink
		party_type: DF.Literal["Service Organization", "Contractor"]
		posting_date: DF.Date | None
		reason: DF.SmallText | None
		task: DF.Link
	# end: auto-generated types
	pass
