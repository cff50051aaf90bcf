"""Penalties booked before a penalty had a type are penalties (chargebacks came with the type):
the ledger, its filters and reports group them as such."""

import frappe


def execute():
	penalty = frappe.qb.DocType("Service Penalty")
	frappe.qb.update(penalty).set(penalty.penalty_type, "Penalty").where(
		penalty.penalty_type.isnull() | (penalty.penalty_type == "")
	).run()
