"""Contractor chargebacks: a repair done at the contractor's cost (cost borne by the contractor)
records what it cost, and once the task is completed that cost is booked against the contractor's
retention (质保金) as a Service Penalty of type Chargeback — with or without ERPNext; with it, also
as a draft Journal Entry against the contractor's supplier (`erp.entries.chargeback_entry`)."""

import frappe
from frappe import _
from frappe.utils import flt, nowdate

from customer_service.erp.entries import posted
from customer_service.state_categories import in_category

CHARGEBACK = "Chargeback"


def book_chargeback(task) -> str | None:
	"""Service Task on_update: the chargeback of a completed repair at the contractor's cost (one
	per task; a corrected cost corrects it, and a repair no longer at the contractor's cost drops
	it, until its journal entry is submitted)."""
	existing = frappe.db.get_value("Service Penalty", {"task": task.name, "penalty_type": CHARGEBACK}, "name")
	penalty = frappe.get_doc("Service Penalty", existing) if existing else None
	if task.cost_bearer != "Contractor" or not task.contractor or flt(task.repair_cost) <= 0:
		if penalty and not posted(penalty):
			penalty.delete(ignore_permissions=True)
		return None
	if not in_category(task, "Completed", "Closed"):
		return None
	if penalty:
		if flt(penalty.amount) == flt(task.repair_cost) or posted(penalty):
			return penalty.name
		penalty.amount = task.repair_cost
	else:
		penalty = frappe.get_doc(
			{
				"doctype": "Service Penalty",
				"penalty_type": CHARGEBACK,
				"task": task.name,
				"party_type": "Contractor",
				"party": task.contractor,
				"amount": task.repair_cost,
				"posting_date": nowdate(),
				"reason": _("Repair at the contractor's cost ({0})").format(task.problem_category or task.task_type),
			}
		)
	penalty.flags.ignore_permissions = True
	penalty.save()
	return penalty.name
