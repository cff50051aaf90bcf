"""The problem-category library (投诉问题标准库): a category's settings, inherited from the nearest
ancestor that sets them, and the department that answers for it in a company.

Chains and values are read once and cached (Redis, per site), since every task's deadlines read
them; saving or deleting a category clears the cache.
"""

from __future__ import annotations

import frappe
from frappe.utils.nestedset import get_ancestors_of

from customer_service.organization import get_company_of

CACHE_KEY = "cs_problem_category"
INHERITED_FIELDS = (
	"warranty_months",
	"contractor_warranty_months",
	"responsible_department",
	"response_hours",
	"resolution_hours",
	"blocks_handover",
)


def get_category_chain(category: str | None) -> list[str]:
	"""The category and its ancestors, nearest first."""
	if not category:
		return []
	return list(_cached(category)["chain"])


def get_category_setting(category: str | None, fieldname: str):
	"""A category's value, or the nearest ancestor's where the category leaves it empty."""
	if not category:
		return None
	return _cached(category)["settings"].get(fieldname)


def department_for_company(category: str | None, company: str | None) -> str | None:
	"""The department of `company` that answers for the category: the nearest category up the
	chain that names one of the company's departments (its per-company rows first, then its
	default department when that belongs to the company)."""
	if not (category and company):
		return None
	for name, rows, default in _cached(category)["departments"]:
		if department := rows.get(company):
			return department
		if default and get_company_of(default) == company:
			return default
	return None


def clear_category_cache(doc=None, method=None) -> None:
	"""on_update / on_trash of Problem Category."""
	frappe.cache.delete_value(CACHE_KEY)
	frappe.local.cs_categories = {}


def _cached(category: str) -> dict:
	local = getattr(frappe.local, "cs_categories", None)
	if local is None:
		local = frappe.local.cs_categories = {}
	if category not in local:
		value = frappe.cache.hget(CACHE_KEY, category)
		if value is None:
			value = _load(category)
			frappe.cache.hset(CACHE_KEY, category, value)
		local[category] = value
	return local[category]


def _load(category: str) -> dict:
	if not frappe.db.exists("Problem Category", category):
		return {"chain": (), "settings": {}, "departments": ()}
	chain = [category, *get_ancestors_of("Problem Category", category, order_by="lft desc")]
	values = {
		row.name: row
		for row in frappe.get_all(
			"Problem Category", filters={"name": ("in", chain)}, fields=["name", *INHERITED_FIELDS]
		)
	}
	settings = {}
	for fieldname in INHERITED_FIELDS:
		settings[fieldname] = next((values[name][fieldname] for name in chain if values[name][fieldname]), None)
	per_company: dict[str, dict[str, str]] = {name: {} for name in chain}
	for row in frappe.get_all(
		"Category Department",
		filters={"parenttype": "Problem Category", "parent": ("in", chain)},
		fields=["parent", "company", "department"],
		order_by="idx asc",
	):
		per_company[row.parent].setdefault(row.company, row.department)
	departments = tuple((name, per_company[name], values[name].responsible_department) for name in chain)
	return {"chain": tuple(chain), "settings": settings, "departments": departments}
