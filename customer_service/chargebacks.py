"""Contractor chargebacks: a repair done at the contractor's cost (cost borne by the contractor)
records what it cost, and once the task is completed that cost is booked against the contractor's
retention (质保金) as a Service Penalty of type Chargeback — with or without ERPNext; with it, also
as a draft Journal Entry against the contractor's supplier (`erp.entries.chargeback_entry`)."""

import frappe
from frappe import _
from frappe.utils import flt, nowdate

from customer_service.erp import erpnext_installed
from customer_service.erp.entries import posted
from customer_service.state_categories import in_category

CHARGEBACK = "Chargeback"


def book_chargeback(task) -> str | None:
	"""Service Task on_update: the chargeback of a completed repair at the contractor's cost (one
	per task and contractor; a corrected cost corrects it, another contractor takes it over, and a
	repair no longer at the contractor's cost drops it — until its journal entry is submitted)."""
	due = bool(
		task.cost_bearer == "Contractor" and task.contractor and flt(task.repair_cost) > 0 and in_category(task, "Completed", "Closed")
	)
	penalty = None
	for name in frappe.get_all("Service Penalty", {"task": task.name, "penalty_type": CHARGEBACK}, pluck="name", order_by="creation"):
		doc = frappe.get_doc("Service Penalty", name)
		if due and penalty is None and doc.party == task.contractor:
			penalty = doc
		elif flt(doc.amount) and not posted(doc):
			retire(doc)
	if not due:
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


def retire(penalty) -> None:
	"""A chargeback that no longer applies: deleted, or brought to zero where a cancelled journal
	entry still records it (the ledger keeps its history)."""
	if erpnext_installed() and frappe.db.exists("Journal Entry", {"cs_service_penalty": penalty.name, "docstatus": 2}):
		penalty.amount = 0
		penalty.flags.ignore_permissions = True
		penalty.save()
		penalty.add_comment("Info", _("No longer charged: the repair is not at the contractor's cost"))
		return
	penalty.delete(ignore_permissions=True)
