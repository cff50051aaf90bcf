"""Two warranty clocks (DESIGN §2).

Inside the homeowner's warranty (category `warranty_months` from the unit's
`warranty_start`) a Repair is a Warranty Repair, otherwise a paid Repair. A
Warranty Repair still inside the contractor's warranty
(`contractor_warranty_months` from the building's `completion_date`) goes to
the contractor in scope at the contractor's cost; past it, to the responsible
department at the developer's cost. No contractor in scope never loses the
task: it is created and flagged `needs_routing`.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.utils import add_months, cint, getdate, nowdate

from customer_service.categories import get_category_setting
from customer_service.contractor_matching import find_contractor
from customer_service.jobs import one_worker_at_a_time

REPAIR_TYPES = ("Repair", "Warranty Repair")


def warranty_end(start, months) -> date | None:
	if not start or not cint(months):
		return None
	return getdate(add_months(getdate(start), cint(months)))


def apply_warranty(task, today: date | None = None) -> None:
	"""Classify a repair by the warranty clocks and route it to who pays."""
	if task.task_type not in REPAIR_TYPES or not (task.unit and task.problem_category):
		return
	today = getdate(today or nowdate())
	unit = frappe.db.get_value("Property Unit", task.unit, ["warranty_start", "building"], as_dict=True)
	task.warranty_end = warranty_end(unit.warranty_start, get_category_setting(task.problem_category, "warranty_months"))
	if not task.warranty_end or today > task.warranty_end:
		task.task_type = "Repair"
		task.cost_bearer = "Homeowner"
		return
	task.task_type = "Warranty Repair"
	completion = frappe.db.get_value("Property Building", unit.building, "completion_date")
	task.contractor_warranty_end = warranty_end(
		completion, get_category_setting(task.problem_category, "contractor_warranty_months")
	)
	if task.contractor_warranty_end and today <= task.contractor_warranty_end:
		task.contractor = task.contractor or find_contractor(task.project, unit.building, task.problem_category)
		task.cost_bearer = "Contractor"
		task.needs_routing = 0 if task.contractor else 1
	else:
		task.cost_bearer = "Developer"


def warranty_periods() -> list[int]:
	"""The distinct homeowner warranty periods (months) of the category library."""
	return sorted(
		{
			cint(m)
			for m in frappe.get_all(
				"Problem Category", filters={"is_group": 0, "disabled": 0, "warranty_months": (">", 0)}, pluck="warranty_months"
			)
		}
	)


def next_warranty_expiry(warranty_start, today: date | None = None, periods: list[int] | None = None) -> date | None:
	"""The first date on or after today when one of the unit's warranty periods ends."""
	if not warranty_start:
		return None
	today = getdate(today or nowdate())
	ends = [warranty_end(warranty_start, months) for months in (periods if periods is not None else warranty_periods())]
	upcoming = [end for end in ends if end and end >= today]
	return min(upcoming) if upcoming else None


@one_worker_at_a_time
def roll_warranty_expiries() -> int | None:
	"""Daily: units whose next expiry has passed move on to the following one (indexed). None
	when another worker is running it."""
	periods = warranty_periods()
	# a unit with no warranty running (not delivered) has no expiry to roll (ignore_ifnull: Frappe
	# would read the missing date as the year 1, and every such unit would be rewritten daily)
	names = frappe.get_all(
		"Property Unit",
		filters={"next_warranty_expiry": ("<", nowdate())},
		fields=["name", "warranty_start"],
		ignore_ifnull=True,
	)
	for unit in names:
		frappe.db.set_value(
			"Property Unit", unit.name, "next_warranty_expiry", next_warranty_expiry(unit.warranty_start, periods=periods), update_modified=False
		)
	return len(names)
