"""Which contractor rectifies a problem: the most specific matching scope wins.

Order (DESIGN §3): project + building + category, then project + category,
then project + building, then project alone. A category scope covers the
category's descendants; a nearer category beats a farther ancestor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
	contractor: str
	building: str | None
	problem_category: str | None


def scope_rank(scope: Scope, building: str | None, category_chain: list[str]) -> tuple | None:
	"""Sort key of a matching scope (smaller is more specific); None if it does not match."""
	if scope.building and scope.building != building:
		return None
	if scope.problem_category:
		if scope.problem_category not in category_chain:
			return None
		category_rank = (0, category_chain.index(scope.problem_category))
	else:
		category_rank = (1, 0)
	return (*category_rank, 0 if scope.building else 1, scope.contractor)


def pick_contractor(scopes: list[Scope], building: str | None, category_chain: list[str]) -> str | None:
	ranked = [(rank, s.contractor) for s in scopes if (rank := scope_rank(s, building, category_chain)) is not None]
	return min(ranked)[1] if ranked else None


def find_contractor(project: str, building: str | None = None, problem_category: str | None = None) -> str | None:
	"""The enabled contractor whose scope matches most specifically, or None."""
	import frappe

	from customer_service.categories import get_category_chain

	scope = frappe.qb.DocType("Contractor Scope")
	contractor = frappe.qb.DocType("Contractor")
	rows = (
		frappe.qb.from_(scope)
		.join(contractor)
		.on(contractor.name == scope.parent)
		.select(scope.parent, scope.building, scope.problem_category)
		.where((scope.parenttype == "Contractor") & (scope.project == project) & (contractor.disabled == 0))
		.run()
	)
	scopes = [Scope(*row) for row in rows]
	return pick_contractor(scopes, building, get_category_chain(problem_category))
