"""The homeowner's portal: my home and its warranty, reporting a problem, my requests and their
ratings, my handover."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import date_diff, get_datetime, getdate, now_datetime, nowdate, strip_html

from customer_service.inspection import INSPECTION_CHANNEL
from customer_service.organization import get_ancestor_of_type, get_company_of_project, get_manager_of
from customer_service.portal.access import NotYoursError, clean, homeowner_scope, my_unit, queue_on
from customer_service.portal.photos import attach, check_photos, photo_urls
from customer_service.setup.rules import TASK_CALLBACK
from customer_service.state_categories import DEFECT_OPEN
from customer_service.warranty import warranty_end

SATISFACTION = ("Very Satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very Dissatisfied")


class AlreadyRatedError(frappe.ValidationError):
	pass


# -- my home -----------------------------------------------------------------------------------


def my_name() -> str | None:
	return frappe.db.get_value("Homeowner", {"user": frappe.session.user}, "homeowner_name")


def my_units() -> list[dict]:
	scope = homeowner_scope()
	units = frappe.get_all(
		"Property Unit",
		filters={"name": ("in", list(scope.units) or [""])},
		fields=["name", "project", "building", "unit_no", "room_no", "status", "delivery_date", "warranty_start", "next_warranty_expiry"],
		order_by="name",
	)
	library = warranty_library()
	for unit in units:
		unit.status_label = _(unit.status)
		unit.warranties = warranty_overview(unit.warranty_start, library)
	return units


def warranty_library() -> dict[str, dict[int, list[str]]]:
	"""Part → warranty months → the problems of the library with that period."""
	parts: dict[str, dict[int, list[str]]] = {}
	for category in frappe.get_all(
		"Problem Category",
		filters={"is_group": 0, "disabled": 0, "warranty_months": (">", 0)},
		fields=["name", "parent_problem_category", "warranty_months"],
		order_by="lft",
	):
		parts.setdefault(category.parent_problem_category or "", {}).setdefault(category.warranty_months, []).append(category.name)
	return parts


def warranty_overview(warranty_start, library: dict | None = None) -> list[dict]:
	"""Until when the homeowner's warranty runs, per part of the category library (门窗, 防水, …): a
	row for the period most of the part's problems have, and a row naming the problems whose period
	differs (a window's leak is warranted longer than its hardware; a structural crack for decades)."""
	if not warranty_start:
		return []
	today = getdate(nowdate())
	rows = []
	for part, periods in (library if library is not None else warranty_library()).items():
		usual = max(periods, key=lambda months: len(periods[months]))
		for months, problems in periods.items():
			end = warranty_end(warranty_start, months)
			rows.append(
				{
					"part": _(part) if months == usual else " · ".join((_(part), " / ".join(_(p) for p in problems))),
					"months": months,
					"period": _("{0} years").format(months // 12) if months % 12 == 0 else _("{0} months").format(months),
					"ends": end,
					"days_left": date_diff(end, today),
					"expired": end < today,
				}
			)
	return sorted(rows, key=lambda r: (r["expired"], r["ends"]))


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


# -- reporting a problem ---------------------------------------------------------------------------


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


# -- my requests -----------------------------------------------------------------------------------


def my_receptions(limit: int = 100) -> list[dict]:
	scope = homeowner_scope()
	return frappe.get_all(
		"Service Reception",
		# what the inspection found is under My Handover, not a request of theirs
		filters={"homeowner": ("in", list(scope.homeowners)), "channel": ("!=", INSPECTION_CHANNEL)},
		fields=["name", "unit", "channel", "content", "received_on", "status"],
		order_by="received_on desc",
		limit_page_length=limit,
	)


def open_request_count() -> int:
	scope = homeowner_scope()
	return frappe.db.count(
		"Service Reception",
		{"homeowner": ("in", list(scope.homeowners)), "channel": ("!=", INSPECTION_CHANNEL), "status": ("!=", "Closed")},
	)


def my_requests(limit: int = 100) -> list[dict]:
	"""My receptions (newest first) with their tasks: statuses in my language, a timeline, who is
	on it (by name only), the deadlines promised, and whether I may rate it."""
	scope = homeowner_scope()
	receptions = my_receptions(limit)
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
	names = dict(
		frappe.get_all(
			"User", filters={"name": ("in", list({t.responsible_user for t in tasks if t.responsible_user}) or [""])},
			fields=["name", "full_name"], as_list=True,
		)
	)  # fmt: skip
	received = {r.name: r.received_on for r in receptions}
	by_reception: dict[str, list] = {}
	for task in tasks:
		task.update(
			{
				"status_label": _(task.status),
				"task_type_label": _(task.task_type),
				"category_label": _(task.problem_category or ""),
				"handled_by": names.get(task.responsible_user) or task.contractor,
				"timeline": timeline(task, received.get(task.reception)),
				"can_rate": task.status_category == "Completed" and task.name not in rated,
				"rated": task.name in rated,
			}
		)
		by_reception.setdefault(task.reception, []).append(task)
	for reception in receptions:
		reception.status_label = _(reception.status)
		reception.tasks = by_reception.get(reception.name, [])
	return receptions


def timeline(task, received_on) -> list[dict]:
	steps = (
		(_("Request Received"), received_on),
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
	queue_on("Service Task", task)  # two ratings at once: the second finds the first
	row = frappe.db.get_value("Service Task", task, ["homeowner", "status_category"], as_dict=True)
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


# -- my handover -----------------------------------------------------------------------------------


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


def current_handover(unit: str, homeowners) -> dict | None:
	"""The unit's handover that is not cancelled (the signed one first)."""
	return frappe.db.get_value(
		"Unit Handover",
		{"unit": unit, "homeowner": ("in", list(homeowners)), "docstatus": ("<", 2)},
		["name", "appointment", "handover_date", "docstatus", "inspection_round"],
		as_dict=True,
		order_by="docstatus desc, creation desc",
	)


def my_handovers() -> list[dict]:
	"""Per unit of mine: its handover round, my appointment or the signed handover, and the defects
	the inspection found, with their status and the photos I may see."""
	scope = homeowner_scope()
	result = []
	for unit in sorted(scope.units):
		handover = current_handover(unit, scope.homeowners)
		defects = frappe.get_all(
			"Inspection Defect",
			filters={"unit": unit},
			fields=["name", "problem_category", "location", "description", "status", "status_category", "rectify_by"],
			order_by="creation",
		)
		for defect in defects:
			defect.status_label = _(defect.status)
			defect.category_label = _(defect.problem_category)
			defect.open = defect.status_category in DEFECT_OPEN
			defect.photos = photo_urls("Inspection Defect", defect.name)
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
	return [slot for slot in available_slots(inspection_round, check_day(day)) if slot["free"]]


def check_day(day: str):
	try:
		return getdate(day)
	except Exception:
		frappe.throw(_("{0} is not a date").format(day), title=_("Not a Date"))


def book_handover(unit: str, appointment: str) -> str:
	"""Book (or move) the homeowner's handover appointment in a free slot of their round. Bookings
	of one unit queue on its row: a homeowner holds one appointment, however many requests at once."""
	homeowner = my_unit(unit)
	try:
		moment = get_datetime(appointment)
	except Exception:
		moment = None
	if not moment:
		frappe.throw(_("{0} is not a date").format(appointment), title=_("Not a Date"))
	if moment < now_datetime():
		frappe.throw(_("Choose a time in the future"), title=_("Appointment in the Past"))
	queue_on("Property Unit", unit)  # a homeowner holds one appointment, however many requests at once
	existing = current_handover(unit, [homeowner])
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
	"""The homeowner gives up their appointment; the handover record (with whatever staff have
	recorded on it) stays for the next booking."""
	scope = homeowner_scope()
	row = frappe.db.get_value("Unit Handover", handover, ["homeowner", "docstatus"], as_dict=True)
	if not row or row.homeowner not in scope.homeowners:
		frappe.throw(_("Appointment {0} is not yours").format(handover), title=_("Not Yours"), exc=NotYoursError)
	if row.docstatus != 0:
		frappe.throw(_("A signed handover cannot be cancelled here"), title=_("Already Handed Over"))
	doc = frappe.get_doc("Unit Handover", handover)
	doc.appointment = None
	doc.flags.ignore_permissions = True
	doc.save()
