"""Unit handover (正式交付): appointments, the day's inspection, readiness and sign-off."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_datetime, get_time, getdate

from customer_service.state_categories import DEFECT_OPEN
from customer_service.revisits import schedule_after

OVERRIDE_ROLES = ("CS Manager", "CS Administrator", "System Manager")


class SlotFullError(frappe.ValidationError):
	pass


class AlreadyDeliveredError(frappe.ValidationError):
	pass


class BlockingDefectsError(frappe.ValidationError):
	pass


def round_slots(inspection_round: str) -> dict[str, int]:
	"""The round's appointment times ("HH:MM:SS") and their capacity, earliest first."""
	rows = frappe.get_all(
		"Handover Slot", filters={"parent": inspection_round}, fields=["slot_time", "capacity"], order_by="slot_time"
	)
	return {str(get_time(row.slot_time)): row.capacity for row in rows}


def available_slots(inspection_round: str, day) -> list[dict]:
	"""Each appointment slot of the round on `day`: time, capacity, booked and free places."""
	day = getdate(day)
	booked: dict[str, int] = {}
	for appointment in frappe.get_all(
		"Unit Handover",
		filters={
			"inspection_round": inspection_round,
			"docstatus": ("<", 2),
			"appointment": ("between", [f"{day} 00:00:00", f"{day} 23:59:59"]),
		},
		pluck="appointment",
	):
		key = str(get_datetime(appointment).time())
		booked[key] = booked.get(key, 0) + 1
	return [
		{
			"time": time[:5],
			"at": f"{day} {time}",
			"capacity": capacity,
			"booked": booked.get(time, 0),
			"free": max(capacity - booked.get(time, 0), 0),
		}
		for time, capacity in round_slots(inspection_round).items()
	]


def check_appointment(handover) -> None:
	"""The appointment must be one of the round's slots and the slot must have room."""
	if not handover.appointment:
		return
	slots = round_slots(handover.inspection_round)
	if not slots:
		return
	moment = get_datetime(handover.appointment)
	# bookings of one round queue on its row, so two at the same moment cannot both take the last place
	frappe.db.get_value("Inspection Round", handover.inspection_round, "name", for_update=True)
	capacity = slots.get(str(moment.time()))
	if capacity is None:
		frappe.throw(
			_("{0} is not an appointment slot of round {1}; slots start at {2}").format(
				moment.strftime("%H:%M"), handover.inspection_round, ", ".join(sorted(t[:5] for t in slots))
			),
			title=_("No Such Slot"),
			exc=SlotFullError,
		)
	# a locking read: it counts what the booking before this one committed, not an older snapshot
	row = frappe.qb.DocType("Unit Handover")
	booked = len(
		frappe.qb.from_(row)
		.select(row.name)
		.where(
			(row.inspection_round == handover.inspection_round)
			& (row.appointment == moment)
			& (row.docstatus < 2)
			& (row.name != (handover.name or ""))
		)
		.for_update()
		.run()
	)
	if booked >= capacity:
		frappe.throw(
			_("The slot {0} is full ({1} appointments); choose another time").format(moment.strftime("%Y-%m-%d %H:%M"), capacity),
			title=_("Slot Full"),
			exc=SlotFullError,
		)


def record_findings(handover) -> None:
	"""Each finding of the day becomes an Inspection Defect of the round (once)."""
	for row in handover.findings:
		if row.inspection_defect:
			continue
		defect = frappe.get_doc(
			{
				"doctype": "Inspection Defect",
				"inspection_round": handover.inspection_round,
				"unit": handover.unit,
				"problem_category": row.problem_category,
				"location": row.location,
				"description": row.description,
			}
		).insert()
		row.db_set("inspection_defect", defect.name)


def blocking_defects(unit: str) -> list[str]:
	defect = frappe.qb.DocType("Inspection Defect")
	category = frappe.qb.DocType("Problem Category")
	return [
		name
		for (name,) in frappe.qb.from_(defect)
		.join(category)
		.on(category.name == defect.problem_category)
		.select(defect.name)
		.where((defect.unit == unit) & defect.status_category.isin(DEFECT_OPEN) & (category.blocks_handover == 1))
		.run()
	]


def check_homeowner_owns_unit(handover) -> None:
	if not frappe.db.exists("Homeowner Unit", {"parenttype": "Homeowner", "parent": handover.homeowner, "unit": handover.unit}):
		frappe.throw(
			_("Homeowner {0} is not an owner of unit {1}").format(handover.homeowner, handover.unit),
			title=_("Not the Owner"),
		)


def check_one_handover_per_unit(handover) -> None:
	"""A unit has one handover that is not cancelled (taken under the unit's row lock, so two at
	once cannot both be the one)."""
	frappe.db.get_value("Property Unit", handover.unit, "name", for_update=True)
	# a locking read: it sees what the one before us committed, not this transaction's older snapshot
	other = frappe.db.get_value(
		"Unit Handover", {"unit": handover.unit, "docstatus": ("<", 2), "name": ("!=", handover.name or "")}, "name",
		for_update=True,
	)
	if other:
		frappe.throw(
			_("Unit {0} has handover {1} already: change that one, or cancel it first").format(handover.unit, other),
			title=_("Handover Exists"),
		)


def check_readiness(handover) -> None:
	"""A unit with open blocking defects is handed over only with a manager's recorded override.

	Sign-offs of one unit are taken one at a time (a locking read of the unit's row): of two at
	the same moment, the second finds the unit delivered.
	"""
	if frappe.db.get_value("Property Unit", handover.unit, "status", for_update=True) in ("Delivered", "Occupied"):
		frappe.throw(
			_("Unit {0} has already been delivered").format(handover.unit),
			title=_("Already Delivered"),
			exc=AlreadyDeliveredError,
		)
	blocking = blocking_defects(handover.unit)
	if not blocking:
		return
	if not handover.override_blocking_defects:
		frappe.throw(
			_("Unit {0} has open defects that block handover: {1}").format(handover.unit, ", ".join(blocking)),
			title=_("Not Ready for Handover"),
			exc=BlockingDefectsError,
		)
	if not set(OVERRIDE_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only a CS Manager can hand over a unit with blocking defects"), exc=frappe.PermissionError)
	if not handover.override_reason:
		frappe.throw(_("Give the reason for handing over despite blocking defects"), title=_("Reason Missing"))
	handover.override_by = frappe.session.user


def sign_off(handover) -> None:
	"""The homeowner's sign-off: the unit is delivered, its warranty starts, revisits are scheduled."""
	unit = frappe.get_doc("Property Unit", handover.unit)
	handover.db_set(
		{
			"previous_unit_status": unit.status,
			"previous_delivery_date": unit.delivery_date,
			"previous_warranty_start": unit.warranty_start,
		}
	)
	unit.status = "Delivered"
	unit.delivery_date = handover.handover_date
	unit.warranty_start = handover.handover_date
	unit.flags.ignore_permissions = True
	unit.save()
	schedule_after(handover.unit, "Delivery Date", handover.handover_date, handover.homeowner, unit_handover=handover.name)


def undo_sign_off(handover) -> None:
	"""Cancelling the handover undoes exactly what the sign-off did."""
	unit = frappe.get_doc("Property Unit", handover.unit)
	unit.status = handover.previous_unit_status or "Sold"
	unit.delivery_date = handover.previous_delivery_date
	unit.warranty_start = handover.previous_warranty_start
	unit.flags.ignore_permissions = True
	unit.save()
	for name in frappe.get_all("Revisit", filters={"unit_handover": handover.name, "status": "Open"}, pluck="name"):
		frappe.delete_doc("Revisit", name, ignore_permissions=True)
