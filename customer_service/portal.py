"""The homeowner and contractor portal: what each sees and may do, in one place.

The portal's pages (`www/owner`, `www/contractor`) and its API (`api/portal.py`) both call these
functions. Every one starts from the user's scope (permissions.get_scope): a homeowner reaches
only their own homeowner records and units, a contractor only what is dispatched to them.
What the portal writes (a reception, a rating, an appointment, a rectification) is written by
the system after these checks — portal users have no write rights of their own — and fields a
homeowner types are stripped of HTML.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, date_diff, get_datetime, getdate, now_datetime, nowdate, strip_html

from customer_service.inspection import INSPECTION_CHANNEL
from customer_service.organization import get_ancestor_of_type, get_company_of_project, get_manager_of
from customer_service.permissions import get_scope
from customer_service.setup.rules import TASK_CALLBACK
from customer_service.state_categories import DEFECT_OPEN, TASK_DONE
from customer_service.warranty import warranty_end

MAX_TEXT = 2000
MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".gif")
SATISFACTION = ("Very Satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very Dissatisfied")


class NotYoursError(frappe.PermissionError):
	pass


class AlreadyRatedError(frappe.ValidationError):
	pass


# -- who is asking ------------------------------------------------------------------------


def check_portal_user(kind: str | None = None):
	"""The scope of the logged-in homeowner (kind "homeowner"), contractor ("contractor") or either
	(None); refused to anyone else."""
	if kind == "homeowner":
		return homeowner_scope()
	if kind == "contractor":
		return contractor_scope()
	scope = get_scope()
	if scope.kind != "portal" or not (scope.homeowners or scope.contractors):
		frappe.throw(_("This page is for homeowners: log in with your homeowner account"), exc=frappe.PermissionError)
	return scope


def homeowner_scope():
	scope = get_scope()
	if scope.kind != "portal" or not scope.homeowners:
		frappe.throw(_("This page is for homeowners: log in with your homeowner account"), exc=frappe.PermissionError)
	return scope


def contractor_scope():
	scope = get_scope()
	if scope.kind != "portal" or not scope.contractors:
		frappe.throw(_("This page is for contractors: log in with your contractor account"), exc=frappe.PermissionError)
	return scope


def my_unit(unit: str) -> str:
	"""The homeowner record of the user that owns `unit`; refused when the unit is not theirs."""
	scope = homeowner_scope()
	owner = frappe.db.get_value(
		"Homeowner Unit", {"parenttype": "Homeowner", "unit": unit, "parent": ("in", list(scope.homeowners))}, "parent"
	)
	if not owner:
		frappe.throw(_("Unit {0} is not one of your homes").format(unit), title=_("Not Yours"), exc=NotYoursError)
	return owner


def clean(text: str | None, required: bool = False, label: str | None = None) -> str:
	"""What a homeowner typed, as plain text (no HTML or script is stored or shown back)."""
	text = strip_html(text or "").strip()[:MAX_TEXT]
	if required and not text:
		frappe.throw(_("Please fill in {0}").format(_(label or "the description")), title=_("Missing"))
	return text


def check_photos(urls: list[str] | None) -> list[str]:
	"""The user's own uploads: private, unattached images within the size limit."""
	urls = [u for u in (urls or []) if u]
	if len(urls) > MAX_PHOTOS:
		frappe.throw(_("At most {0} photos").format(MAX_PHOTOS), title=_("Too Many Photos"))
	files = []
	for url in urls:
		file = frappe.db.get_value(
			"File",
			{"file_url": url, "owner": frappe.session.user, "attached_to_name": ("is", "not set")},
			["name", "file_name", "file_size", "is_private"],
			as_dict=True,
		)
		if not file:
			frappe.throw(_("Upload the photo {0} first").format(url), title=_("Photo Not Found"), exc=NotYoursError)
		if not (file.file_name or "").lower().endswith(PHOTO_EXTENSIONS):
			frappe.throw(_("{0} is not a photo").format(file.file_name), title=_("Photos Only"))
		if cint(file.file_size) > MAX_PHOTO_BYTES:
			frappe.throw(
				_("{0} is larger than {1} MB").format(file.file_name, MAX_PHOTO_BYTES // (1024 * 1024)), title=_("Photo Too Large")
			)
		files.append(file.name)
	return files


def attach(files: list[str], doctype: str, name: str, fieldname: str | None = None) -> None:
	"""The uploads become private attachments of the record."""
	for index, file_name in enumerate(files):
		file = frappe.get_doc("File", file_name)
		file.update(
			{"attached_to_doctype": doctype, "attached_to_name": name, "is_private": 1,
			 "attached_to_field": fieldname if index == 0 else None}
		)  # fmt: skip
		file.flags.ignore_permissions = True
		file.save()


# -- a homeowner's homes ---------------------------------------------------------------------


def my_units() -> list[dict]:
	scope = homeowner_scope()
	units = frappe.get_all(
		"Property Unit",
		filters={"name": ("in", list(scope.units) or [""])},
		fields=["name", "project", "building", "unit_no", "room_no", "status", "delivery_date", "warranty_start", "next_warranty_expiry"],
		order_by="name",
	)
	for unit in units:
		unit.status_label = _(unit.status)
		unit.warranties = warranty_overview(unit.warranty_start)
	return units


def warranty_overview(warranty_start) -> list[dict]:
	"""Per part of the category library (门窗, 防水, …): until when the homeowner's warranty runs."""
	if not warranty_start:
		return []
	today = getdate(nowdate())
	rows = {}
	for category in frappe.get_all(
		"Problem Category",
		filters={"is_group": 0, "disabled": 0, "warranty_months": (">", 0)},
		fields=["parent_problem_category", "warranty_months"],
		order_by="lft",
	):
		key = (category.parent_problem_category, category.warranty_months)
		if key in rows:
			continue
		end = warranty_end(warranty_start, category.warranty_months)
		rows[key] = {
			"part": _(category.parent_problem_category or ""),
			"months": category.warranty_months,
			"ends": end,
			"days_left": date_diff(end, today),
			"expired": end < today,
		}
	return sorted(rows.values(), key=lambda r: (r["expired"], r["ends"]))


def report_categories() -> list[dict]:
	"""The problems a homeowner may pick (optional): leaves of the library, grouped by part."""
	return [
		{"name": c.name, "label": _(c.name), "part": _(c.parent_problem_category or "")}
		for c in frappe.get_all(
			"Problem Category",
			filters={"is_group": 0, "disabled": 0},
			fields=["name", "parent_problem_category"],
			order_by="lft",
		)
	]


def portal_responder(project: str) -> str:
	"""The first responder (首问负责人) of portal requests: the company's portal responder, else its
	manager, else the group's."""
	company = get_company_of_project(project)
	return (
		frappe.db.get_value("Service Organization", company, "portal_responder")
		or get_manager_of(company)
		or get_manager_of(get_ancestor_of_type(company, "Group"))
		or "Administrator"
	)


def report_problem(unit: str, description: str, problem_category: str | None = None, photos=None) -> dict:
	"""A problem reported in the portal: a reception of channel Portal for the homeowner, and a
	repair task when they said what it is (routing and deadlines as for any channel)."""
	homeowner = my_unit(unit)
	description = clean(description, required=True, label="Description")
	if problem_category and not frappe.db.get_value("Problem Category", {"name": problem_category, "is_group": 0, "disabled": 0}):
		frappe.throw(_("Choose a problem from the list"), title=_("Unknown Problem"))
	files = check_photos(photos)
	project = frappe.db.get_value("Property Unit", unit, "project")
	reception = frappe.get_doc(
		{
			"doctype": "Service Reception",
			"channel": "Portal",
			"unit": unit,
			"homeowner": homeowner,
			"content": description,
			"received_by": portal_responder(project),
		}
	)
	reception.insert(ignore_permissions=True)
	attach(files, "Service Reception", reception.name)
	task = None
	if problem_category:
		task = frappe.get_doc(
			{
				"doctype": "Service Task",
				"reception": reception.name,
				"task_type": "Repair",
				"problem_category": problem_category,
				"priority": "Normal",
				"description": description,
			}
		)
		task.insert(ignore_permissions=True)
	return {
		"reception": reception.name,
		"task": task and task.name,
		"response_by": task and task.response_by,
		"next": _("{0} is registered. Customer service will contact you by {1}.").format(
			reception.name, frappe.format(task.response_by, "Datetime") if task else _("the next working day")
		),
	}


# -- what the homeowner was told ------------------------------------------------------------

MESSAGE_PAGES = {
	"Service Reception": "/owner/requests",
	"Service Task": "/owner/requests",
	"Unit Handover": "/owner/handover",
	"Property Unit": "/owner",
}


def my_messages(limit: int = 5) -> list[dict]:
	"""The latest notifications sent to the user (the shipped homeowner notifications are system
	notifications too), as plain text with the portal page they are about."""
	messages = frappe.get_all(
		"Notification Log",
		filters={"for_user": frappe.session.user},
		fields=["subject", "document_type", "creation", "read"],
		order_by="creation desc",
		limit_page_length=limit,
	)
	for message in messages:
		message.subject = strip_html(message.subject or "")
		message.page = MESSAGE_PAGES.get(message.document_type, "/owner")
	return messages


# -- a homeowner's requests -------------------------------------------------------------------


def my_requests() -> list[dict]:
	scope = homeowner_scope()
	receptions = frappe.get_all(
		"Service Reception",
		# what the inspection found is under My Handover, not a request of theirs
		filters={"homeowner": ("in", list(scope.homeowners)), "channel": ("!=", INSPECTION_CHANNEL)},
		fields=["name", "unit", "channel", "content", "received_on", "status"],
		order_by="received_on desc",
		limit_page_length=100,
	)
	tasks = frappe.get_all(
		"Service Task",
		filters={"reception": ("in", [r.name for r in receptions] or [""]), "homeowner": ("in", list(scope.homeowners))},
		fields=[
			"name", "reception", "task_type", "problem_category", "status", "status_category", "responsible_user",
			"contractor", "dispatched_on", "visit_on", "responded_on", "completed_on", "closed_on", "response_by",
			"resolution_by",
		],
		order_by="creation",
	)  # fmt: skip
	rated = set(frappe.get_all("Revisit", filters={"task": ("in", [t.name for t in tasks] or [""]), "status": "Done"}, pluck="task"))
	by_reception: dict[str, list] = {}
	for task in tasks:
		task.update(
			{
				"status_label": _(task.status),
				"task_type_label": _(task.task_type),
				"category_label": _(task.problem_category or ""),
				"handled_by": handled_by(task),
				"timeline": timeline(task),
				"can_rate": task.status_category == "Completed" and task.name not in rated,
				"rated": task.name in rated,
			}
		)
		by_reception.setdefault(task.reception, []).append(task)
	for reception in receptions:
		reception.status_label = _(reception.status)
		reception.tasks = by_reception.get(reception.name, [])
	return receptions


def handled_by(task) -> str | None:
	"""Who is on it, by name only."""
	if task.responsible_user:
		return frappe.db.get_value("User", task.responsible_user, "full_name")
	if task.contractor:
		return task.contractor
	return None


def timeline(task) -> list[dict]:
	reception_time = frappe.db.get_value("Service Reception", task.reception, "received_on")
	steps = (
		(_("Request Received"), reception_time),
		(_("Dispatched"), task.dispatched_on),
		(_("Visit booked"), task.visit_on),
		(_("Completed"), task.completed_on),
		(_("Closed"), task.closed_on),
	)
	return [{"label": label, "at": at, "done": bool(at)} for label, at in steps]


def rate_task(task: str, satisfaction: str, comment: str | None = None) -> str:
	"""The homeowner's rating of a completed task: its callback (method Portal), once. A dissatisfied
	rating reopens and escalates the task exactly like a dissatisfied phone callback."""
	scope = homeowner_scope()
	if satisfaction not in SATISFACTION:
		frappe.throw(_("Choose how satisfied you are"), title=_("Rating Missing"))
	row = frappe.db.get_value("Service Task", task, ["homeowner", "status_category"], as_dict=True, for_update=True)
	if not row or row.homeowner not in scope.homeowners:
		frappe.throw(_("Task {0} is not one of your requests").format(task), title=_("Not Yours"), exc=NotYoursError)
	if frappe.db.exists("Revisit", {"task": task, "status": "Done"}):
		frappe.throw(_("You have rated this task already"), title=_("Already Rated"), exc=AlreadyRatedError)
	if row.status_category != "Completed":
		frappe.throw(_("Task {0} can be rated once it is completed").format(task), title=_("Not Completed"))
	name = frappe.db.get_value("Revisit", {"task": task, "status": "Open"}, "name")
	revisit = frappe.get_doc("Revisit", name) if name else frappe.new_doc("Revisit")
	revisit.update(
		{"revisit_type": TASK_CALLBACK, "task": task, "method": "Portal", "satisfaction": satisfaction,
		 "comment": clean(comment)}
	)  # fmt: skip
	revisit.flags.ignore_permissions = True
	revisit.save()
	return revisit.name


# -- a homeowner's handover ----------------------------------------------------------------------


def handover_round_of(unit: str) -> str | None:
	"""The open handover round of the unit's building."""
	building = frappe.db.get_value("Property Unit", unit, "building")
	rounds = frappe.get_all(
		"Inspection Round Building", filters={"parenttype": "Inspection Round", "building": building}, pluck="parent"
	)
	return frappe.db.get_value(
		"Inspection Round",
		{"name": ("in", rounds or [""]), "round_type": "Handover", "status": ("!=", "Completed")},
		"name",
		order_by="creation desc",
	)


def my_handovers() -> list[dict]:
	scope = homeowner_scope()
	result = []
	for unit in sorted(scope.units):
		handover = frappe.db.get_value(
			"Unit Handover",
			{"unit": unit, "homeowner": ("in", list(scope.homeowners)), "docstatus": ("<", 2)},
			["name", "appointment", "handover_date", "docstatus", "inspection_round"],
			as_dict=True,
			order_by="docstatus desc, creation desc",
		)
		defects = frappe.get_all(
			"Inspection Defect",
			filters={"unit": unit},
			fields=["name", "problem_category", "location", "description", "status", "status_category", "photo",
					"rectification_photo", "rectify_by"],
			order_by="creation",
		)  # fmt: skip
		for defect in defects:
			defect.status_label = _(defect.status)
			defect.category_label = _(defect.problem_category)
			defect.open = defect.status_category in DEFECT_OPEN
		result.append(
			{
				"unit": unit,
				"round": (handover and handover.inspection_round) or handover_round_of(unit),
				"handover": handover,
				"signed": bool(handover and handover.docstatus == 1),
				"defects": defects,
			}
		)
	return result


def free_slots(unit: str, day: str) -> list[dict]:
	from customer_service.handover import available_slots

	my_unit(unit)
	inspection_round = handover_round_of(unit)
	if not inspection_round:
		return []
	return [slot for slot in available_slots(inspection_round, day) if slot["free"]]


def book_handover(unit: str, appointment: str) -> str:
	"""Book (or move) the homeowner's handover appointment in a free slot of their round."""
	homeowner = my_unit(unit)
	moment = get_datetime(appointment)
	if moment < now_datetime():
		frappe.throw(_("Choose a time in the future"), title=_("Appointment in the Past"))
	existing = frappe.db.get_value("Unit Handover", {"unit": unit, "homeowner": homeowner, "docstatus": ("<", 2)}, ["name", "docstatus"], as_dict=True)
	if existing and existing.docstatus == 1:
		frappe.throw(_("Unit {0} has been handed over already").format(unit), title=_("Already Handed Over"))
	inspection_round = handover_round_of(unit)
	if not inspection_round:
		frappe.throw(_("No handover is planned for unit {0} yet").format(unit), title=_("No Handover Planned"))
	handover = frappe.get_doc("Unit Handover", existing.name) if existing else frappe.new_doc("Unit Handover")
	handover.update(
		{"unit": unit, "homeowner": homeowner, "inspection_round": inspection_round, "appointment": moment,
		 "handover_date": moment.date()}
	)  # fmt: skip
	handover.flags.ignore_permissions = True
	handover.save()
	return handover.name


def cancel_handover(handover: str) -> None:
	scope = homeowner_scope()
	row = frappe.db.get_value("Unit Handover", handover, ["homeowner", "docstatus"], as_dict=True)
	if not row or row.homeowner not in scope.homeowners:
		frappe.throw(_("Appointment {0} is not yours").format(handover), title=_("Not Yours"), exc=NotYoursError)
	if row.docstatus != 0:
		frappe.throw(_("A signed handover cannot be cancelled here"), title=_("Already Handed Over"))
	frappe.delete_doc("Unit Handover", handover, ignore_permissions=True)


# -- a contractor's work ------------------------------------------------------------------------


def my_work(project: str | None = None, status: str | None = None, due_before: str | None = None) -> list[dict]:
	"""Defects and tasks dispatched to the contractor, overdue first, then by due date."""
	scope = contractor_scope()
	contractors = list(scope.contractors)
	defect_filters = {"contractor": ("in", contractors), "status_category": ("!=", "To Dispatch")}
	task_filters = {"contractor": ("in", contractors), "inspection_defect": ("is", "not set")}
	if project:
		defect_filters["project"] = task_filters["project"] = project
	if status == "open":
		defect_filters["status_category"] = ("in", DEFECT_OPEN)
		task_filters["status_category"] = ("in", ("Open", "Paused"))
	elif status == "done":
		defect_filters["status_category"] = ("in", ("Rectified", "Verified"))
		task_filters["status_category"] = ("in", TASK_DONE)
	if due_before:
		defect_filters["rectify_by"] = ("<=", due_before)
		task_filters["resolution_by"] = ("<=", f"{due_before} 23:59:59")
	items = []
	for d in frappe.get_all(
		"Inspection Defect",
		filters=defect_filters,
		fields=["name", "unit", "project", "problem_category", "location", "description", "status", "status_category",
				"rectify_by", "is_overdue", "rejection_count", "rejection_reason"],
	):  # fmt: skip
		items.append(
			{**d, "doctype": "Inspection Defect", "due": getdate(d.rectify_by) if d.rectify_by else None,
			 "open": d.status_category == "Dispatched"}
		)  # fmt: skip
	for t in frappe.get_all(
		"Service Task",
		filters=task_filters,
		fields=["name", "unit", "project", "problem_category", "description", "status", "status_category", "resolution_by",
				"is_overdue"],
	):  # fmt: skip
		items.append(
			{**t, "doctype": "Service Task", "due": getdate(t.resolution_by) if t.resolution_by else None,
			 "open": t.status_category == "Open", "rejection_count": 0}
		)  # fmt: skip
	for item in items:
		item["status_label"] = _(item["status"])
		item["category_label"] = _(item.get("problem_category") or "")
	return sorted(items, key=lambda i: (not i["is_overdue"], not i["open"], i["due"] or getdate("2999-12-31")))


def mark_rectified(doctype: str, name: str, note: str, photos=None) -> None:
	"""The contractor's rectification: a note and photos (required), then the workflow's move into
	Rectified (a defect) or Completed (a task) — as the contractor, so the workflow decides."""
	scope = contractor_scope()
	if doctype not in ("Inspection Defect", "Service Task"):
		frappe.throw(_("Only defects and tasks are rectified here"), title=_("Not Allowed"))
	contractor = frappe.db.get_value(doctype, name, "contractor")
	if contractor not in scope.contractors:
		frappe.throw(_("{0} {1} is not dispatched to you").format(_(doctype), name), title=_("Not Yours"), exc=NotYoursError)
	note = clean(note, required=True, label="Rectification Note")
	files = check_photos(photos)
	if not files:
		frappe.throw(_("Attach at least one photo of the rectification"), title=_("Photo Missing"))
	field = "rectification_photo" if doctype == "Inspection Defect" else "completion_evidence"
	attach(files, doctype, name, field)
	first_url = frappe.db.get_value("File", files[0], "file_url")
	doc = frappe.get_doc(doctype, name)
	if doctype == "Inspection Defect":
		doc.mark_rectified(note, first_url)
	else:
		doc.db_set({"solution": note, "completion_evidence": first_url})
		from frappe.model.workflow import apply_workflow, get_transitions

		from customer_service.state_categories import category_of

		for transition in get_transitions(doc):
			if category_of(doctype, transition["next_state"]) == "Completed":
				apply_workflow(doc, transition["action"])
				return
		frappe.throw(_("Task {0} cannot be completed now ({1})").format(name, _(doc.status)), title=_("Not Allowed"))


# -- the portal's pages ----------------------------------------------------------------------------


def page_context(context, kind: str, active: str) -> None:
	"""Every portal page: logged in (else to the portal's login), of the right kind of user (else to
	their own part of the portal), never cached, its menu tab."""
	from urllib.parse import quote

	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/owner/login?redirect-to={quote(frappe.request.path)}"
		raise frappe.Redirect
	scope = get_scope()
	if kind == "homeowner" and not scope.homeowners and scope.contractors:
		frappe.local.flags.redirect_location = "/contractor"
		raise frappe.Redirect
	if kind == "contractor" and not scope.contractors and scope.homeowners:
		frappe.local.flags.redirect_location = "/owner"
		raise frappe.Redirect
	check_portal_user(kind)
	context.no_cache = 1
	context.show_sidebar = False
	context.active = active
	context.portal_kind = kind
	context.brand = brand()
	context.portal_lang = frappe.local.lang


def brand() -> str | None:
	"""The portal's name in its header: the website's brand as the admin set it (Website Settings
	› App Name); Frappe's own default name is no brand of theirs."""
	name = frappe.db.get_single_value("Website Settings", "app_name")
	return name if name and name != "Frappe" else None


PORTAL_LANGUAGES = ("zh", "en")


def set_language(language: str) -> None:
	"""A portal user switches between Chinese and English (their User's language)."""
	check_portal_user()
	if language not in PORTAL_LANGUAGES:
		frappe.throw(_("Choose Chinese or English"), title=_("Unknown Language"))
	frappe.db.set_value("User", frappe.session.user, "language", language)
	frappe.clear_cache(user=frappe.session.user)
