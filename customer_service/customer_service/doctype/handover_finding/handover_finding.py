# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class HandoverFinding(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText
		inspection_defect: DF.Link | None
		location: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		problem_category: DF.Link
	# end: auto-generated types
	pass
