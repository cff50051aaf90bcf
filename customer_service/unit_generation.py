"""Generate a building's units from its pattern (房源生成).

Idempotent: units that exist are skipped and counted. Rows go in with one
multi-row insert per chunk, not one `insert()` per unit; above the threshold in
Customer Service Settings the work runs as a background job. Progress is
published to the building's form.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from customer_service.bulk_rows import insert_rows
from customer_service.unit_numbering import make_unit_name
from customer_service.unit_numbering import InvalidPattern, PlannedUnit, plan_units

CHUNK_SIZE = 500
UNIT_FIELDS = (
	"name", "owner", "modified_by", "creation", "modified", "docstatus", "idx",
	"project", "building", "company", "unit_no", "floor", "room_no", "status",
)  # fmt: skip


class UnitPatternError(frappe.ValidationError):
	pass


def generate_units(building: str) -> dict:
	"""Create the missing units of `building`, now or in the background."""
	doc = frappe.get_doc("Property Building", building)
	doc.check_permission("read")
	frappe.has_permission("Property Unit", "create", throw=True)
	planned = get_planned_units(doc)
	if len(planned) > cint(frappe.db.get_single_value("Customer Service Settings", "background_unit_threshold") or 300):
		frappe.enqueue(
			"customer_service.unit_generation.generate_units_job",
			queue="long",
			job_id=f"generate_units::{building}",
			deduplicate=True,
			enqueue_after_commit=True,
			building=building,
			user=frappe.session.user,
		)
		return {"queued": True, "total": len(planned)}
	return insert_planned_units(doc, planned)


def generate_units_job(building: str, user: str | None = None) -> dict:
	doc = frappe.get_doc("Property Building", building)
	result = insert_planned_units(doc, get_planned_units(doc))
	frappe.publish_realtime(
		"msgprint",
		_("Building {0}: {1} units created, {2} already existed").format(
			building, result["created"], result["skipped"]
		),
		user=user,
		doctype="Property Building",
		docname=building,
	)
	return result


def get_planned_units(doc) -> list[PlannedUnit]:
	try:
		return plan_units(
			cint(doc.unit_count),
			cint(doc.start_floor) or 1,
			cint(doc.floor_count),
			cint(doc.rooms_per_floor),
			doc.room_no_pattern or "{floor}{room:02d}",
		)
	except InvalidPattern as e:
		frappe.throw(e.translated(_), title=_("Invalid Unit Pattern"), exc=UnitPatternError)


def insert_planned_units(doc, planned: list[PlannedUnit]) -> dict:
	existing = set(frappe.get_all("Property Unit", filters={"building": doc.name}, pluck="name"))
	now = now_datetime()
	user = frappe.session.user
	rows = []
	for unit in planned:
		name = make_unit_name(doc.name, unit.unit_no, unit.room_no)
		if name in existing:
			continue
		existing.add(name)
		rows.append(
			(name, user, user, now, now, 0, 0, doc.project, doc.name, doc.company,
			 unit.unit_no, unit.floor, unit.room_no, "Vacant")
		)  # fmt: skip
	for start in range(0, len(rows), CHUNK_SIZE):
		# a second generation running at the same moment skips what the first wrote
		insert_rows("Property Unit", UNIT_FIELDS, rows[start : start + CHUNK_SIZE])
		frappe.publish_progress(
			100 * min(start + CHUNK_SIZE, len(rows)) / len(rows),
			title=_("Generating Units"),
			doctype="Property Building",
			docname=doc.name,
		)
	return {"created": len(rows), "skipped": len(planned) - len(rows), "total": len(planned)}
