"""Systemic defects: one leaf category on a large share of a building's units.

When a category appears in tasks or inspection defects on at least
`systemic_threshold_percent` of a building's units, a Complaint Topic marked
systemic is proposed once for that building and category, with the open
tasks linked; its creation notifies the CS Managers.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt

from customer_service.service_desk import update_topic_counts
from customer_service.settings import get_settings
from customer_service.state_categories import TASK_ACTIVE

MIN_UNITS = 2  # one unit's problem is never systemic, however small the building


def affected_units(building: str, category: str) -> set[str]:
	tasks = frappe.get_all(
		"Service Task",
		filters={"building": building, "problem_category": category, "status_category": ("!=", "Cancelled")},
		pluck="unit",
	)
	defects = frappe.get_all("Inspection Defect", filters={"building": building, "problem_category": category}, pluck="unit")
	return {u for u in (*tasks, *defects) if u}


def check_systemic(building: str | None, category: str | None, project: str | None) -> str | None:
	"""Propose the topic when the threshold is reached; returns its name when created."""
	if not (building and category):
		return None
	threshold = flt(get_settings().systemic_threshold_percent)
	if threshold <= 0:
		return None
	if frappe.db.exists("Complaint Topic", {"building": building, "problem_category": category, "is_systemic": 1}):
		return None
	total = frappe.db.count("Property Unit", {"building": building})
	units = affected_units(building, category)
	if not total or len(units) < MIN_UNITS or 100 * len(units) / total < threshold:
		return None
	# proposals for one building are made one at a time (its row is the queue); the check
	# reads the latest committed topics, so two reports at once propose one topic
	frappe.db.get_value("Property Building", building, "name", for_update=True)
	if frappe.db.get_value(
		"Complaint Topic", {"building": building, "problem_category": category, "is_systemic": 1}, "name", for_update=True
	):
		return None
	topic = frappe.get_doc(
		{
			"doctype": "Complaint Topic",
			"topic_name": _("Systemic defect: {0} in {1}").format(category, building),
			"project": project,
			"building": building,
			"problem_category": category,
			"is_systemic": 1,
			"description": _("{0} of {1} units of building {2} reported {3}").format(len(units), total, building, category),
		}
	).insert(ignore_permissions=True)
	for name in frappe.get_all(
		"Service Task",
		filters={"building": building, "problem_category": category, "complaint_topic": ("is", "not set"),
				 "status_category": ("in", TASK_ACTIVE + ("Completed",))},
		pluck="name",
	):  # fmt: skip
		frappe.db.set_value("Service Task", name, "complaint_topic", topic.name, update_modified=False)
	update_topic_counts(topic.name)
	return topic.name
