# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class HandoverSlot(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		capacity: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		slot_time: DF.Time
	# end: auto-generated types
	pass
