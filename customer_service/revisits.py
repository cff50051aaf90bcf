"""回访: callbacks after completed tasks and scheduled revisits after signing and handover.

Which task types get a callback and when it is due, and which revisits follow a unit's
contract and delivery dates, are rows of Customer Service Settings (today's rules of the seeds
as defaults). The daily job reads only the units whose revisits fell due since its last run
(indexed date ranges), so its cost follows what became due, not how many units there are; each
scheduled revisit has a unique key, so two workers at once create it once.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, add_months, getdate, nowdate

from customer_service.jobs import one_worker_at_a_time
from customer_service.settings import callback_days, get_settings, revisit_schedule
from customer_service.setup.rules import TASK_CALLBACK

SATISFIED = ("Very Satisfied", "Satisfied", "Neutral")
DISSATISFIED = ("Dissatisfied", "Very Dissatisfied")
LOOKBACK_DAYS = 400  # how far back the first run looks
MONTH_END_SLACK = 3  # days: adding months is not exactly invertible at the end of a month
BASE_FIELDS = {"Contract Date": "contract_date", "Delivery Date": "delivery_date"}


class CallbackMissingError(frappe.ValidationError):
	pass


# -- callbacks of tasks ----------------------------------------------------------------


def needs_callback(task) -> bool:
	"""Homeowners' problems of the types in the settings are called back; inspection defects are
	verified by inspectors instead."""
	return callback_days(task.task_type) is not None and not task.get("inspection_defect")


def has_satisfied_callback(task_name: str) -> bool:
	return bool(
		frappe.db.exists(
			"Revisit",
			{"task": task_name, "status": "Done", "satisfaction": ("in", SATISFIED)},
		)
	)


def check_callback_before_close(task) -> None:
	"""100% 回访: a task closes only after a satisfied callback or a manager's recorded waiver."""
	if not needs_callback(task) or task.revisit_waived or has_satisfied_callback(task.name):
		return
	frappe.throw(
		_("Task {0} needs a satisfied callback (回访) before it can be closed, or a manager's waiver").format(task.name),
		title=_("Callback Missing"),
		exc=CallbackMissingError,
	)


def callback_due_date(task):
	return add_days(getdate(task.completed_on or nowdate()), callback_days(task.task_type) or 0)


def create_callback(task) -> str | None:
	"""When a task is completed: an open Task Callback revisit, due by its type's window."""
	if not needs_callback(task) or frappe.db.exists("Revisit", {"task": task.name, "status": "Open"}):
		return None
	return (
		frappe.get_doc(
			{
				"doctype": "Revisit",
				"revisit_type": TASK_CALLBACK,
				"task": task.name,
				"homeowner": task.homeowner,
				"unit": task.unit,
				"agent": frappe.db.get_value("Service Reception", task.reception, "received_by"),
				"due_date": callback_due_date(task),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


# -- scheduled revisits --------------------------------------------------------------------


def due_date(rule, base_date):
	return add_days(add_months(getdate(base_date), rule.months or 0), rule.days or 0)


def schedule_key(unit: str, revisit_type: str) -> str:
	return f"{unit}/{revisit_type}"


def schedule_revisit(unit: str, rule, base_date, homeowner: str | None, **fields) -> str | None:
	"""The rule's revisit of a unit, created once (its key is unique); returns its name when new."""
	key = schedule_key(unit, rule.revisit_type)
	if frappe.db.exists("Revisit", {"schedule_key": key}):
		return None
	doc = frappe.get_doc(
		{
			"doctype": "Revisit",
			"revisit_type": rule.revisit_type,
			"unit": unit,
			"homeowner": homeowner,
			"due_date": due_date(rule, base_date),
			"method": "Phone",
			"schedule_key": key,
			**fields,
		}
	)
	doc.flags.system_update = True
	try:
		doc.insert(ignore_permissions=True)
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		frappe.clear_last_message()
		return None  # another worker made it at the same moment
	return doc.name


def schedule_after(unit: str, base: str, base_date, homeowner: str | None, **fields) -> list[str]:
	"""All revisits of the schedule that follow this base date (a handover's sign-off, say)."""
	created = []
	for rule in revisit_schedule():
		if rule.base_date == base and (name := schedule_revisit(unit, rule, base_date, homeowner, **fields)):
			created.append(name)
	return created


@one_worker_at_a_time
def create_scheduled_revisits(today=None) -> int | None:
	"""Daily: the revisits that fell due since the last run, for the units whose contract or
	delivery date puts them there. None when another worker is running it."""
	today = getdate(today or nowdate())
	settings = get_settings()
	since = getdate(settings.revisits_scheduled_until) if settings.revisits_scheduled_until else add_days(today, -LOOKBACK_DAYS)
	if since >= today:
		return 0
	unit = frappe.qb.DocType("Property Unit")
	created = 0
	for rule in revisit_schedule():
		column = unit[BASE_FIELDS[rule.base_date]]
		earliest = add_days(add_months(since, -(rule.months or 0)), -(rule.days or 0) - MONTH_END_SLACK)
		latest = add_days(add_months(today, -(rule.months or 0)), -(rule.days or 0) + MONTH_END_SLACK)
		rows = (
			frappe.qb.from_(unit)
			.select(unit.name, column.as_("base_date"), unit.primary_homeowner)
			.where((column > earliest) & (column <= latest) & unit.primary_homeowner.isnotnull())
			.run(as_dict=True)
		)
		for row in rows:
			if since < getdate(due_date(rule, row.base_date)) <= today:
				created += bool(schedule_revisit(row.name, rule, row.base_date, row.primary_homeowner))
	frappe.db.set_single_value("Customer Service Settings", "revisits_scheduled_until", today)
	return created
