"""Factories for integration tests: each makes a valid record with a unique name."""

from __future__ import annotations

import base64
import random
from contextlib import contextmanager
from datetime import date

import frappe

from customer_service.identity import mainland_check_char


def unique(prefix: str) -> str:
	return f"{prefix}-{frappe.generate_hash(length=6)}"


def make_group(name: str | None = None):
	return frappe.get_doc(
		{"doctype": "Service Organization", "organization_name": name or unique("Group"), "org_type": "Group"}
	).insert()


def make_org(org_type: str, parent: str, name: str | None = None):
	return frappe.get_doc(
		{
			"doctype": "Service Organization",
			"organization_name": name or unique(org_type),
			"org_type": org_type,
			"parent_service_organization": parent,
			"is_group": 1 if org_type != "Department" else 0,
		}
	).insert()


def make_company(group: str | None = None):
	return make_org("Company", group or make_group().name)


def make_project(company: str | None = None, shared_with: list[str] | None = None, **fields):
	return frappe.get_doc(
		{
			"doctype": "Property Project",
			"project_name": unique("Project"),
			"company": company or make_company().name,
			"city": "厦门",
			"shared_with": [{"company": c} for c in shared_with or []],
			**fields,
		}
	).insert()


def make_building(project: str | None = None, **fields):
	return frappe.get_doc(
		{
			"doctype": "Property Building",
			"project": project or make_project().name,
			"building_name": unique("B"),
			**fields,
		}
	).insert()


def make_unit(building=None, room_no: str = "101", unit_no: str = "1", **fields):
	building = building or make_building()
	return frappe.get_doc(
		{
			"doctype": "Property Unit",
			"project": building.project,
			"building": building.name,
			"unit_no": unit_no,
			"room_no": room_no,
			**fields,
		}
	).insert()


def make_mainland_id(born: date | None = None, male: bool = True, region: str | None = None) -> str:
	"""A valid, practically unique mainland ID (random region, birth date and sequence unless given)."""
	born = born or date(random.randint(1950, 2000), random.randint(1, 12), random.randint(1, 28))
	region = region or f"{random.randint(110000, 659999)}"
	sequence = f"{random.randint(0, 99):02d}{random.choice('13579' if male else '02468')}"
	first17 = f"{region}{born:%Y%m%d}{sequence}"
	return first17 + mainland_check_char(first17)


def make_mobile() -> str:
	return f"139{random.randint(0, 99999999):08d}"


def make_homeowner(units: list[str] | None = None, **fields):
	return frappe.get_doc(
		{
			"doctype": "Homeowner",
			"homeowner_name": unique("业主"),
			"id_type": "Mainland ID Card",
			"id_number": make_mainland_id(),
			"mobile_no": make_mobile(),
			"units": [{"unit": u} for u in units or []],
			**fields,
		}
	).insert()


def make_portal_homeowner(units: list[str], password: str, **fields):
	"""A homeowner with a portal login (email and mobile number, and `password`); the homeowner."""
	from frappe.utils.password import update_password

	homeowner = make_homeowner(units=units, email=f"{unique('owner').lower()}@example.com", **fields)
	update_password(homeowner.create_portal_user(), password)
	homeowner.reload()
	return homeowner


def make_user(roles: list[str], email: str | None = None, password: str | None = None, user_type: str = "System User"):
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email or f"{unique('user').lower()}@example.com",
			"first_name": "Test",
			"user_type": user_type,
			"send_welcome_email": 0,
			"roles": [{"role": r} for r in roles],
		}
	)
	if password:
		user.new_password = password
		user.flags.ignore_password_policy = True
	return user.insert(ignore_permissions=True)


def allow_organization(user: str, organization: str):
	"""A User Permission: the user works for this organization (and its descendants)."""
	return frappe.get_doc(
		{"doctype": "User Permission", "user": user, "allow": "Service Organization", "for_value": organization}
	).insert(ignore_permissions=True)


def make_reception(unit=None, received_on=None, **fields):
	"""A reception; `received_on` backdates it as an import of old calls would (it is the system's field)."""
	unit = unit or make_unit()
	reception = frappe.get_doc(
		{
			"doctype": "Service Reception",
			"channel": "Hotline 400",
			"unit": unit.name,
			"project": unit.project,
			"content": "卫生间天花板渗水",
			"received_on": received_on or frappe.utils.now_datetime(),
			**fields,
		}
	)
	reception.flags.system_update = bool(received_on)
	return reception.insert()


def make_task(reception=None, **fields):
	reception = reception or make_reception()
	return frappe.get_doc(
		{
			"doctype": "Service Task",
			"reception": reception.name,
			"task_type": "Repair",
			"problem_category": "卫生间渗漏",
			"priority": "Normal",
			"description": "卫生间天花板渗水",
			**fields,
		}
	).insert()


def move(task, *actions):
	"""Apply workflow actions in order, as the current user."""
	from frappe.model.workflow import apply_workflow

	for action in actions:
		task = apply_workflow(task, action)
	return task


def attach_evidence(task):
	"""The signed repair slip (三方签字报修单), attached to the task."""
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{task.name}-repair-slip-{frappe.generate_hash(length=4)}.txt",
			"content": "三方签字报修单",
			"attached_to_doctype": "Service Task",
			"attached_to_name": task.name,
		}
	).insert()


def complete(task):
	"""Assign → Reply → Agree Solution → Complete, with evidence."""
	if not task.responsible_user:
		task.responsible_user = "Administrator"
		task.save()
	attach_evidence(task)
	return move(task, "Assign", "Reply", "Agree Solution", "Complete")


@contextmanager
def cs_settings(**values):
	"""Change Customer Service Settings for a block and save the old values back (DB and cache agree)."""
	doc = frappe.get_single("Customer Service Settings")
	original = {}
	for key in values:
		value = doc.get(key)
		original[key] = [row.as_dict(no_default_fields=True) for row in value] if isinstance(value, list) else value
	doc.update(values)
	doc.save()
	try:
		yield
	finally:
		doc = frappe.get_single("Customer Service Settings")
		doc.update(original)
		doc.save()


def make_round(project=None, buildings=None, round_type="Simulated", inspectors=None, slots=None, **fields):
	if not buildings:
		building = make_building(project)
		project, buildings = building.project, [building.name]
	return frappe.get_doc(
		{
			"doctype": "Inspection Round",
			"round_name": unique("验房"),
			"round_type": round_type,
			"project": project,
			"buildings": [{"building": b} for b in buildings],
			"inspectors": [{"user": u} for u in inspectors or []],
			"slots": [{"slot_time": t, "capacity": c} for t, c in slots or []],
			**fields,
		}
	).insert()


def make_contractor(scopes, user=None, **fields):
	return frappe.get_doc(
		{"doctype": "Contractor", "contractor_name": unique("承建商"), "scopes": scopes, "user": user, **fields}
	).insert()


def make_defect(inspection_round, unit, **fields):
	return frappe.get_doc(
		{
			"doctype": "Inspection Defect",
			"inspection_round": inspection_round.name if hasattr(inspection_round, "name") else inspection_round,
			"unit": unit.name if hasattr(unit, "name") else unit,
			"problem_category": "铝窗渗水",
			"location": "主卧",
			"description": "窗台渗水",
			**fields,
		}
	).insert()


# a 1×1 PNG: what a phone's photo is to the checks (an image file)
PNG = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def make_photo(doc=None, name: str = "photo") -> str:
	"""A private photo uploaded by the current user (attached to `doc` when given); its URL."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{unique(name)}.png",
			"content": PNG + frappe.generate_hash().encode(),  # each one different, as photos are
			"is_private": 1,
			"attached_to_doctype": doc and doc.doctype,
			"attached_to_name": doc and doc.name,
		}
	).insert(ignore_permissions=True)
	return file.file_url


def rectify(defect, note: str = "已返修，胶已干透"):
	"""The contractor's evidence (a note and a photo) and the move into Rectified."""
	defect.mark_rectified(note, make_photo(defect, "rectified"))
	return defect


@contextmanager
def workflow_state(workflow: str, state: str, category: str):
	"""Give a state of a shipped workflow another category for a block (as an admin would)."""
	doc = frappe.get_doc("Workflow", workflow)
	original = {row.name: row.update_value for row in doc.states if row.state == state}
	for row in doc.states:
		if row.state == state:
			row.update_value = category
	doc.save()
	try:
		yield
	finally:
		doc = frappe.get_doc("Workflow", workflow)
		for row in doc.states:
			if row.name in original:
				row.update_value = original[row.name]
		doc.save()
