"""States become data, and the rules move into settings.

- Every state of the workflows of Service Task, Compensation and Inspection Defect says what it
  means (Update Field `status_category`): the shipped states their category, the task states the
  settings listed as paused "Paused", states an admin added "Open" (a task), "Pending Approval"
  (a compensation) or "Dispatched" (a defect). Then every record gets the category of its state.
- The settings' rules become tables: callbacks from the two callback-day values, penalties from
  the one penalty amount (kept within 200–1000), the repeat ladder, levels and revisit schedule
  as shipped. Scheduled revisits get their key, so the daily job does not make them again.
- Escalated tasks get the level's name; unedited Notifications and number cards read categories;
  the shipped charts count per user (Frappe's Group By charts are cached for everyone).
"""

import json

import frappe
from frappe.utils import cint, flt

from customer_service.setup.install import create_revisit_types, fill_settings_tables
from customer_service.setup.notifications import LEGACY_CONDITIONS
from customer_service.setup.rules import PENALTY_RANGE, TASK_CALLBACK
from customer_service.setup.workflows import shipped_categories
from customer_service.setup.workspace import CHARTS, LEGACY_CARD_FILTERS, NUMBER_CARDS, chart_spec
from customer_service.state_categories import CATEGORY_FIELD

UNKNOWN_STATE = {"Service Task": "Open", "Compensation": "Pending Approval", "Inspection Defect": "Dispatched"}


def execute():
	paused = legacy_paused_states()
	for doctype in UNKNOWN_STATE:
		mapping = categorise_workflows(doctype, paused if doctype == "Service Task" else set())
		fill_categories(doctype, mapping)
	move_rules_into_tables()
	key_scheduled_revisits()
	name_escalation_levels()
	update_notifications_and_cards()


def legacy_paused_states() -> set[str]:
	if not frappe.db.table_exists("Paused Task State"):
		return set()
	table = frappe.qb.Table("tabPaused Task State")
	rows = frappe.qb.from_(table).select(table.workflow_state).where(table.parent == "Customer Service Settings").run()
	return {state for (state,) in rows}


def categorise_workflows(doctype: str, paused: set[str]) -> dict[str, str]:
	"""Give every state of the DocType's workflows a category; returns {state: category}."""
	shipped = shipped_categories(doctype)
	mapping: dict[str, str] = {}
	for name in frappe.get_all("Workflow", filters={"document_type": doctype}, pluck="name"):
		workflow = frappe.get_doc("Workflow", name)
		for row in workflow.states:
			if not (row.update_field == CATEGORY_FIELD and row.update_value):
				row.update_field = CATEGORY_FIELD
				row.update_value = "Paused" if row.state in paused else shipped.get(row.state, UNKNOWN_STATE[doctype])
			if workflow.is_active:
				mapping[row.state] = row.update_value
		workflow.flags.ignore_permissions = True
		workflow.save()
	return mapping or shipped


def fill_categories(doctype: str, mapping: dict[str, str]) -> None:
	table = frappe.qb.DocType(doctype)
	for state, category in mapping.items():
		frappe.qb.update(table).set(table.status_category, category).where(table.status == state).run()


def move_rules_into_tables() -> None:
	create_revisit_types()
	old = frappe.db.get_singles_dict("Customer Service Settings")
	fill_settings_tables()
	settings = frappe.get_single("Customer Service Settings")
	if old.get("complaint_callback_days") not in (None, "") or old.get("repair_callback_days") not in (None, ""):
		for row in settings.callback_rules:
			days = old.get("complaint_callback_days") if row.task_type == "Complaint" else old.get("repair_callback_days")
			if days not in (None, ""):
				row.due_days = cint(days)
	if old.get("penalty_amount"):
		low, high = PENALTY_RANGE
		for row in settings.penalty_rules:
			row.amount = min(max(flt(old.get("penalty_amount")), low), high)
	settings.flags.ignore_permissions = True
	settings.save()


def key_scheduled_revisits() -> None:
	"""The oldest scheduled revisit of each unit and type gets its key (duplicates keep none)."""
	revisit = frappe.qb.DocType("Revisit")
	rows = (
		frappe.qb.from_(revisit)
		.select(revisit.name, revisit.unit, revisit.revisit_type)
		.where(revisit.schedule_key.isnull() & revisit.unit.isnotnull() & (revisit.revisit_type != TASK_CALLBACK))
		.orderby(revisit.creation)
		.run(as_dict=True)
	)
	taken = set(frappe.get_all("Revisit", filters={"schedule_key": ("is", "set")}, pluck="schedule_key"))
	for row in rows:
		key = f"{row.unit}/{row.revisit_type}"
		if key not in taken:
			frappe.db.set_value("Revisit", row.name, "schedule_key", key, update_modified=False)
			taken.add(key)


def name_escalation_levels() -> None:
	"""Before a region level existed, 1 was the company and 2 the group."""
	task = frappe.qb.DocType("Service Task")
	for level, tier in ((1, "Company"), (2, "Group")):
		frappe.qb.update(task).set(task.escalation_tier, tier).where(
			(task.escalation_level == level) & task.escalation_tier.isnull()
		).run()


def update_notifications_and_cards() -> None:
	for name, condition in frappe.get_all("Notification", fields=["name", "condition"], as_list=True):
		if condition in LEGACY_CONDITIONS:
			frappe.db.set_value("Notification", name, "condition", LEGACY_CONDITIONS[condition], update_modified=False)
	shipped = {label: (doctype, filters) for label, doctype, filters, *_rest in NUMBER_CARDS}
	for label, legacy in LEGACY_CARD_FILTERS.items():
		if not frappe.db.exists("Number Card", label):
			continue
		doctype, filters = shipped[label]
		stored = json.loads(frappe.db.get_value("Number Card", label, "filters_json") or "[]")
		if stored == [[doctype, *f] for f in legacy]:
			frappe.db.set_value(
				"Number Card", label, "filters_json", json.dumps([[doctype, *f] for f in filters]), update_modified=False
			)
	for chart_name, doctype, group_by, *options in CHARTS:
		if frappe.db.get_value("Dashboard Chart", chart_name, "chart_type") == "Group By":
			spec = chart_spec(chart_name, doctype, group_by, *options)
			frappe.db.set_value(
				"Dashboard Chart",
				chart_name,
				{k: spec[k] for k in ("chart_type", "source", "filters_json")},
				update_modified=False,
			)
