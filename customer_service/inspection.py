"""Inspection rounds and their defects (模拟验房 / 内部验房 / 交付验房): a round's units and
scope, defaults of a defect, bulk entry, the summary and the overdue job.

A defect's lifecycle is its Workflow and its controller: dispatched to the contractor of the
most specific matching scope as a Service Task (channel Handover Inspection), so it rides the
same SLA, escalation and notification machinery; verification by an inspector closes both.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import add_days, cint, date_diff, flt, get_datetime, getdate, now_datetime, nowdate

from customer_service.bulk_rows import acted_on_by_admins, insert_rows
from customer_service.contractor_matching import find_contractor
from customer_service.permissions import check_place, get_scope
from customer_service.service_desk import CLOSED
from customer_service.state_categories import DEFECT_OPEN
from customer_service.categories import get_category_setting
from customer_service.settings import get_working_calendar
from customer_service.jobs import in_own_transaction, one_worker_at_a_time, run_isolated
from customer_service.organization import get_company_of_project, get_manager_of_company

DEFECT_FIELDS = ("unit", "problem_category", "location", "description", "photo", "contractor")
CONTRACTOR_LOCKED = ("rectify_by", "contractor", "unit", "problem_category", "inspection_round", "location", "description")

# the channel of the receptions that carry an inspection's defects (not a request of the homeowner)
INSPECTION_CHANNEL = "Handover Inspection"


def locked_fields(defect) -> tuple[str, ...]:
	"""Besides the system's fields: a contractor changes nothing of the defect itself, and once
	dispatched a defect stays in its round."""
	if get_scope().kind == "portal":
		return CONTRACTOR_LOCKED
	if not defect.is_new() and (defect.get_doc_before_save() or defect).status_category != "To Dispatch":
		return ("inspection_round",)
	return ()


class DefectOutsideRoundError(frappe.ValidationError):
	pass


class NotAnInspectorError(frappe.PermissionError):
	pass


# -- lookups a bulk upload answers once -------------------------------------------


@contextmanager
def upload_memo():
	"""Within one bulk upload a lookup (a round's scope, a unit's building, a scope's contractor)
	is answered once for all its rows; outside one, every call reads the database."""
	if getattr(frappe.local, "cs_upload_memo", None) is not None:  # within an upload already
		yield
		return
	frappe.local.cs_upload_memo = {}
	try:
		yield
	finally:
		frappe.local.cs_upload_memo = None


def once_per_upload(fn):
	"""The lookup, answered once per upload; `.remember(value, *args)` answers it ahead (several at
	once from one query), `.remembered(*args)` says whether it is answered."""

	def key(args):
		return (fn.__name__, args)

	@functools.wraps(fn)
	def lookup(*args):
		memo = getattr(frappe.local, "cs_upload_memo", None)
		if memo is None:
			return fn(*args)
		if key(args) not in memo:
			memo[key(args)] = fn(*args)
		return memo[key(args)]

	lookup.remember = lambda value, *args: frappe.local.cs_upload_memo.__setitem__(key(args), value)
	lookup.remembered = lambda *args: key(args) in frappe.local.cs_upload_memo
	return lookup


@once_per_upload
def unit_location(unit: str) -> tuple[str | None, str | None]:
	"""The project and building of a unit."""
	return frappe.db.get_value("Property Unit", unit, ["project", "building"]) or (None, None)


def remember_unit_locations(units: list[str]) -> None:
	"""All the units of an upload in one query."""
	unknown = list({unit for unit in units if not unit_location.remembered(unit)})
	if not unknown:
		return
	for name, project, building in frappe.get_all(
		"Property Unit", filters={"name": ("in", unknown)}, fields=["name", "project", "building"], as_list=True
	):
		unit_location.remember((project, building), name)


@once_per_upload
def matching_contractor(project: str, building: str | None, problem_category: str | None) -> str | None:
	return find_contractor(project, building, problem_category)


@once_per_upload
def contractor_contacts(contractor: str) -> tuple[str | None, str | None]:
	return frappe.db.get_value("Contractor", contractor, ["email", "contact_mobile"]) or (None, None)


@once_per_upload
def manager_of_project(project: str | None) -> str | None:
	"""Who a defect's company notifications go to."""
	return get_manager_of_company(get_company_of_project(project))


@once_per_upload
def round_rectify_days(inspection_round: str) -> int:
	return cint(frappe.db.get_value("Inspection Round", inspection_round, "rectify_days")) or 15


# -- a defect -----------------------------------------------------------------


@once_per_upload
def round_scope(inspection_round: str) -> tuple[str, set[str]]:
	project = frappe.db.get_value("Inspection Round", inspection_round, "project")
	buildings = set(
		frappe.get_all("Inspection Round Building", filters={"parent": inspection_round}, pluck="building")
	)
	return project, buildings


def check_unit_in_round(inspection_round: str, unit: str) -> None:
	project, buildings = round_scope(inspection_round)
	unit_project, unit_building = unit_location(unit)
	if unit_project != project or unit_building not in buildings:
		frappe.throw(
			_("Unit {0} is not in the project and buildings of inspection round {1}").format(unit, inspection_round),
			title=_("Unit Outside Round"),
			exc=DefectOutsideRoundError,
		)


def default_rectify_by(defect):
	"""The category's resolution time (working hours → days) or the round's days to rectify."""
	hours = flt(get_category_setting(defect.problem_category, "resolution_hours"))
	if hours:  # working hours on the calendar: weekends and holidays do not count
		return get_working_calendar().add_working_hours(get_datetime(defect.creation or now_datetime()), hours).date()
	return add_days(getdate(defect.creation or nowdate()), round_rectify_days(defect.inspection_round))


def fill_contractor(defect) -> None:
	"""The contractor of the most specific scope, and the contacts the notifications use."""
	if not defect.contractor:
		_project, building = unit_location(defect.unit)
		defect.contractor = matching_contractor(defect.project, building, defect.problem_category)
	if defect.contractor:
		defect.contractor_email, defect.contractor_mobile = contractor_contacts(defect.contractor)


def is_inspector(inspection_round: str, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	return bool(frappe.db.exists("Inspection Round Inspector", {"parent": inspection_round, "user": user}))


def create_task_for_defect(defect) -> str:
	"""The defect's Service Task for its contractor, under the round's reception of the unit."""
	reception = frappe.db.get_value(
		"Service Reception",
		{"unit": defect.unit, "inspection_round": defect.inspection_round, "status": ("!=", CLOSED)},
		"name",
	)
	if not reception:
		reception = (
			frappe.get_doc(
				{
					"doctype": "Service Reception",
					"channel": INSPECTION_CHANNEL,
					"inspection_round": defect.inspection_round,
					"unit": defect.unit,
					"homeowner": frappe.db.get_value("Property Unit", defect.unit, "primary_homeowner"),
					"content": _("Defects of inspection round {0}").format(defect.inspection_round),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	task = frappe.get_doc(
		{
			"doctype": "Service Task",
			"reception": reception,
			"task_type": "Repair",
			"problem_category": defect.problem_category,
			"description": f"{defect.location or ''} {defect.description}".strip(),
			"contractor": defect.contractor,
			"inspection_defect": defect.name,
		}
	)
	task.flags.system_update = True  # the link to its defect is the system's to set
	task.insert(ignore_permissions=True)
	task.add_comment("Info", _("Dispatched to {0} from inspection defect {1}").format(defect.contractor, defect.name))
	return task.name


def check_staff() -> None:
	"""Contractors rectify; dispatching is the developer's staff's decision."""
	if get_scope().kind == "portal":
		frappe.throw(_("Only customer service staff can dispatch defects"), title=_("Not Allowed"), exc=frappe.PermissionError)


def check_inspector(inspection_round: str) -> None:
	if not is_inspector(inspection_round):
		frappe.throw(
			_("Only an inspector of round {0} can verify or reject its defects").format(inspection_round),
			title=_("Not an Inspector"),
			exc=NotAnInspectorError,
		)


# -- bulk entry (mobile inspection) -------------------------------------------


def record_defects(inspection_round: str, defects: list[dict]) -> list[dict]:
	"""Create many defects for many units; answer per row.

	A row with a `client_id` already stored answers "exists" with that defect,
	so a retried upload creates no duplicates. A bad row is reported and
	written nowhere; the good rows are kept.

	Each row is a full `insert()` (naming, links, the controller's rules, the
	admins' Server Scripts) with the lookups shared by all rows; what saving a
	defect does after its write (Frappe's workflow actions, assignment rules,
	notifications) and the systemic check run in `finish_recorded_defects`,
	a background job after the commit.
	"""
	results, created = [], []
	with upload_memo():
		rows = [row if isinstance(row, dict) else {} for row in defects]
		remember_unit_locations([row["unit"] for row in rows if isinstance(row.get("unit"), str)])
		stored = stored_client_ids([row.get("client_id") for row in rows])
		for index, row in enumerate(defects):
			client_id = row.get("client_id") if isinstance(row, dict) else None
			existing = isinstance(client_id, str) and client_id in stored and existing_defect(client_id)
			if existing:  # (one deleted since this request began is a new row)
				results.append({"row": index, "client_id": client_id, **existing})
				continue
			savepoint = f"defect_{index}"
			frappe.db.savepoint(savepoint)
			try:
				doc = new_defect(inspection_round, row)
				doc.flags.defer_post_save = True
				doc.insert()
				created.append(doc)
				if isinstance(client_id, str):
					stored.add(client_id)  # the same client_id again in this upload: "exists"
				results.append({"row": index, "client_id": client_id, "status": "created", "name": doc.name})
			except (frappe.DuplicateEntryError, frappe.UniqueValidationError) as e:
				frappe.db.rollback(save_point=savepoint)
				frappe.clear_last_message()
				# a retry that raced its first upload: the defect exists now (a locking read sees it)
				existing = isinstance(client_id, str) and existing_defect(client_id, latest=True)
				if existing:
					results.append({"row": index, "client_id": client_id, **existing})
				else:
					results.append({"row": index, "client_id": client_id, "status": "error", "message": str(e)})
			except Exception as e:
				frappe.db.rollback(save_point=savepoint)
				frappe.clear_last_message()
				results.append({"row": index, "client_id": client_id, "status": "error", "message": str(e)})
		mark_units_inspected(inspection_round, [doc.unit for doc in created])
	if created:
		frappe.enqueue(
			"customer_service.inspection.finish_recorded_defects",
			queue="long",
			enqueue_after_commit=True,
			now=frappe.flags.in_test,
			# each defect as the upload left it: one saved since has had its save's work done
			defects={doc.name: str(doc.modified) for doc in created},
			uploaded_by=frappe.session.user,
		)
	return results


def new_defect(inspection_round: str, row) -> "frappe.model.document.Document":
	if not isinstance(row, dict):
		frappe.throw(_("Each defect must be an object of fields"), title=_("Invalid Request"))
	unknown = set(row) - {*DEFECT_FIELDS, "client_id"}
	if unknown:
		frappe.throw(_("Unknown defect fields: {0}").format(", ".join(sorted(unknown))))
	return frappe.get_doc({"doctype": "Inspection Defect", "inspection_round": inspection_round, **row})


def stored_client_ids(client_ids: list) -> set[str]:
	client_ids = [c for c in client_ids if c and isinstance(c, str)]
	if not client_ids:
		return set()
	return set(frappe.get_all("Inspection Defect", filters={"client_id": ("in", client_ids)}, pluck="client_id"))


def finish_recorded_defects(defects: dict[str, str], uploaded_by: str | None = None) -> None:
	"""The rest of each uploaded defect's insert, after the upload's commit: Frappe's after-save
	work (workflow actions, assignment rules, notifications, the list's refresh) as the insert
	would have run it, for the defects nobody has saved since (that save did it itself); then the
	systemic check once per building and category. Each defect and each check is a transaction
	of its own, so that a user saving one of them waits for that one only, and a failure (a
	deadlock's victim included) is logged and loses nothing else."""
	from customer_service.systemic_defects import check_systemic

	if uploaded_by:  # the uploader's work, whoever runs the job
		frappe.set_user(uploaded_by)
	for name, modified in defects.items():
		in_own_transaction(lambda name=name, modified=modified: finish_uploaded(name, modified), f"Uploaded defect {name}")
	places = frappe.get_all(
		"Inspection Defect", filters={"name": ("in", list(defects))}, fields=["building", "problem_category", "project"],
		distinct=True, order_by="building, problem_category",
	)  # fmt: skip
	for place in places:
		in_own_transaction(
			lambda p=place: check_systemic(p.building, p.problem_category, p.project),
			f"Systemic check {place.building} {place.problem_category}",
		)


def finish_uploaded(name: str, modified: str) -> None:
	stored = frappe.db.get_value("Inspection Defect", name, "modified", for_update=True)
	if stored and get_datetime(stored) == get_datetime(modified):  # not deleted, not saved since
		finish_insert(frappe.get_doc("Inspection Defect", name))


def finish_insert(doc) -> None:
	"""What `insert()` runs after its write, on a defect loaded again."""
	doc._action, doc._doc_before_save = "save", None
	doc.flags.in_insert, doc.flags.notifications_executed = True, []  # an insert's, not a value change's
	try:
		doc.run_post_save_methods()
	finally:
		doc.flags.in_insert = False


def existing_defect(client_id: str, latest: bool = False) -> dict | None:
	"""The answer for a client_id already stored: "exists" with the defect the user may read; a
	client_id someone else used is an error that names nothing."""
	# latest: a locking read, which sees what another upload committed since this request began
	name = frappe.db.get_value("Inspection Defect", {"client_id": client_id}, "name", for_update=latest)
	if not name:
		return None
	if frappe.has_permission("Inspection Defect", "read", name):
		return {"status": "exists", "name": name}
	return {"status": "error", "message": _("client_id {0} is already used").format(client_id)}


# -- rounds ---------------------------------------------------------------------


def mark_units_inspected(inspection_round: str, units: list[str]) -> int:
	"""Record that these units were walked (defects or not); returns how many were new. A unit
	outside the round is refused before anything is written."""
	units = sorted(set(units))
	if not units:
		return 0
	with upload_memo():
		remember_unit_locations(units)
		for unit in units:
			check_unit_in_round(inspection_round, unit)
		walked = set(
			frappe.get_all(
				"Inspected Unit", filters={"inspection_round": inspection_round, "unit": ("in", units)}, pluck="unit"
			)
		)
		new = [walked_unit(inspection_round, unit) for unit in units if unit not in walked]
		if not new:
			return 0
		# all in the round's project: where one may be recorded, all may
		check_place(new[0])
	if acted_on_by_admins("Inspected Unit"):
		return sum(insert_walked(doc) for doc in new)
	# another device recording the same unit at the same moment writes the same (round, unit): the
	# unique key of the two skips it (Inspected Unit's on_doctype_update)
	insert_rows("Inspected Unit", INSPECTED_UNIT_FIELDS, [unit_row(doc) for doc in new])
	return len(new)


INSPECTED_UNIT_FIELDS = (
	"name", "owner", "modified_by", "creation", "modified", "docstatus", "idx",
	"inspection_round", "unit", "project", "inspected_by", "inspected_on",
)  # fmt: skip


def insert_walked(doc) -> bool:
	"""One walked unit through insert(); False when another device recorded it first."""
	frappe.db.savepoint("walked_unit")
	try:
		doc.insert()
		return True
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		frappe.db.rollback(save_point="walked_unit")
		frappe.clear_last_message()
		return False


def walked_unit(inspection_round: str, unit: str):
	"""An Inspected Unit, named by the DocType's naming rule."""
	doc = frappe.new_doc("Inspected Unit", inspection_round=inspection_round, unit=unit, project=unit_location(unit)[0])
	doc.set_new_name()
	return doc


def unit_row(doc) -> tuple:
	now, user = now_datetime(), frappe.session.user
	return (doc.name, user, user, now, now, 0, 0, doc.inspection_round, doc.unit, doc.project, user, now)


def round_units(inspection_round: str) -> list[str]:
	_project, buildings = round_scope(inspection_round)
	return frappe.get_all("Property Unit", filters={"building": ("in", list(buildings))}, pluck="name") if buildings else []


def compute_summary(inspection_round: str) -> dict:
	"""验房总结: counts by category, location, contractor and status, rates and days."""
	defects = frappe.get_all(
		"Inspection Defect",
		filters={"inspection_round": inspection_round},
		fields=["unit", "problem_category", "location", "contractor", "status", "status_category", "dispatched_on",
				"rectified_on", "creation"],
	)
	total_units = len(round_units(inspection_round))
	walked = set(frappe.get_all("Inspected Unit", filters={"inspection_round": inspection_round}, pluck="unit"))
	handed_over = set(
		frappe.get_all("Unit Handover", filters={"inspection_round": inspection_round, "docstatus": 1}, pluck="unit")
	)
	inspected = len({d.unit for d in defects} | walked | handed_over)
	done = [d for d in defects if d.status_category in ("Rectified", "Verified")]
	days = [date_diff(d.rectified_on, d.dispatched_on or d.creation) for d in done if d.rectified_on]

	def count_by(field):
		counts: dict[str, int] = {}
		for d in defects:
			key = d.get(field) or _("Not Set")
			counts[key] = counts.get(key, 0) + 1
		return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

	return {
		"total_units": total_units,
		"inspected_units": inspected,
		"progress_percent": round(100 * inspected / total_units, 1) if total_units else 0,
		"defect_count": len(defects),
		"open_defect_count": sum(1 for d in defects if d.status_category in DEFECT_OPEN),
		"rectification_rate": round(100 * len(done) / len(defects), 1) if defects else 0,
		"average_days_to_rectify": round(sum(days) / len(days), 1) if days else 0,
		"by_category": count_by("problem_category"),
		"by_location": count_by("location"),
		"by_contractor": count_by("contractor"),
		"by_status": count_by("status"),
	}


@one_worker_at_a_time
def flag_overdue_defects() -> int | None:
	"""Daily: defects past rectify_by and not rectified are flagged (fires the overdue notification).
	None when another worker is running it."""
	names = frappe.get_all(
		"Inspection Defect",
		filters={"status_category": ("in", DEFECT_OPEN), "is_overdue": 0, "rectify_by": ("<", nowdate())},
		pluck="name",
		ignore_ifnull=True,  # a defect without a rectification deadline is not overdue
	)
	flagged = 0
	for name in names:

		def flag(name=name):
			doc = frappe.get_doc("Inspection Defect", name)
			doc.is_overdue = 1
			doc.flags.ignore_permissions = True
			doc.flags.system_update = True
			doc.save()

		flagged += run_isolated(flag, f"Defect overdue {name}")
	return flagged


def inspection_summary_html(inspection_round: str) -> str:
	"""The 验房总结 as HTML, computed now (print formats call it through Jinja)."""
	frappe.has_permission("Inspection Round", "read", inspection_round, throw=True)
	return render_summary(frappe.get_doc("Inspection Round", inspection_round), compute_summary(inspection_round))


def render_summary(doc, summary: dict) -> str:
	return frappe.render_template("customer_service/templates/inspection_summary.html", {"doc": doc, "summary": summary, "_": _})
