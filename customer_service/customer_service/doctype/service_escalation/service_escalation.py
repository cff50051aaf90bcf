# Copyright (c) 2026, customer_service contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class ServiceEscalation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link | None
		escalated_by: DF.Link | None
		escalated_on: DF.Datetime | None
		from_level: DF.Int
		note: DF.SmallText | None
		notify_user: DF.Link | None
		project: DF.Link | None
		reason: DF.Literal["Repeat Report", "Overdue", "Dissatisfied Callback", "Manual"]
		task: DF.Link
		to_level: DF.Int
	# end: auto-generated types
	pass
