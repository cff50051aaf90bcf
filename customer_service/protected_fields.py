"""Fields the system owns, and edits a record's workflow state does not allow.

`SYSTEM_FIELDS` are deadlines, flags, levels, counters, roll-ups and lifecycle stamps: set by
the app's own code (which marks the document `doc.flags.system_update = True`, or saves it with
`ignore_permissions`, which no REST or RPC path does) and read-only
for everyone else — in the desk, and for REST and RPC writers too. A new record starts them
from their defaults whatever the request sent.

`guard_stored_state` (before_validate of the app's DocTypes) also keeps `owner` and `creation`
as stored, and refuses any change to a record in a workflow state whose "Only Allow Edit For"
roles the user lacks: there, only the state's transitions move it.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import default_fields
from frappe.utils import cint, cstr, flt, get_datetime, getdate, now_datetime, nowdate

SYSTEM_FIELDS: dict[str, tuple[str, ...]] = {
	"Service Task": (
		"dispatch_by", "dispatched_on", "response_by", "resolution_by", "responded_on", "completed_on", "closed_on",
		"is_overdue", "sla_warning_sent", "dispatch_overdue", "paused_since", "paused_working_hours",
		"resolved_in_hours", "response_warning_at", "resolution_warning_at", "resolution_warning_sent",
		"escalation_level", "escalation_tier", "escalation_due_by", "repeat_count", "cost_bearer", "needs_routing", "warranty_end",
		"contractor_warranty_end", "dissatisfied_count", "revisit_waived_by", "inspection_defect",
		"company_manager",
	),
	"Customer Service Settings": ("revisits_scheduled_until",),
	"Service Reception": ("status", "received_on", "confirmed_by", "confirmed_on", "inspection_round"),
	"Revisit": ("status", "revisited_by", "revisited_on", "follow_up_task", "unit_handover", "schedule_key"),
	"Compensation": ("approved_by", "approved_on", "paid_on", "company_manager"),
	"Homeowner": ("user", "company"),
	"Complaint Topic": ("status", "is_systemic", "task_count", "open_task_count", "closed_task_count"),
	"Inspection Defect": (
		"service_task", "dispatched_on", "rectified_on", "verified_on", "verified_by", "rejection_count",
		"is_overdue", "company_manager",
	),
	"Inspection Round": (
		"total_units", "inspected_units", "progress_percent", "defect_count", "open_defect_count",
		"rectification_rate", "average_days_to_rectify", "summary",
	),
	"Inspected Unit": ("inspected_by", "inspected_on"),
	"Property Unit": ("primary_homeowner", "homeowner_email", "homeowner_mobile", "next_warranty_expiry"),
	"Unit Handover": ("override_by", "previous_unit_status", "previous_delivery_date", "previous_warranty_start"),
	"Contractor": ("retention_balance",),
}  # fmt: skip


class ProtectedFieldError(frappe.ValidationError):
	pass


class WorkflowStateLockedError(frappe.PermissionError):
	pass


def _normalised(fieldtype: str, value):
	if value in (None, ""):
		return None
	if fieldtype == "Datetime":
		return get_datetime(value)
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype in ("Int", "Check"):
		return cint(value) or None
	if fieldtype in ("Float", "Currency", "Percent"):
		return flt(value, 6) or None  # the database keeps fewer decimals than Python
	return cstr(value)


def changed_fields(doc, before, fieldnames) -> list[str]:
	return [
		fieldname
		for fieldname in fieldnames
		if (df := doc.meta.get_field(fieldname))
		and _normalised(df.fieldtype, doc.get(fieldname)) != _normalised(df.fieldtype, before.get(fieldname))
	]


def default_of(df):
	"""A field's default as a new record gets it ("Now" and "Today" are the moment of saving)."""
	if (df.default or "").lower() == "now":
		return now_datetime()
	if (df.default or "").lower() == "today":
		return nowdate()
	return df.default


def check_protected_fields(doc, fieldnames: tuple[str, ...]) -> None:
	"""Refuse a save that changes any of `fieldnames` unless the system makes it (the app's own
	code, which marks `system_update` or saves with `ignore_permissions`); a new record starts
	them from their defaults (a REST POST or a duplicated document cannot bring its own)."""
	if doc.flags.system_update or doc.flags.ignore_permissions or not fieldnames:
		return
	if doc.is_new():
		for fieldname in fieldnames:
			if df := doc.meta.get_field(fieldname):
				doc.set(fieldname, default_of(df))
		return
	before = doc.get_doc_before_save()
	if not before:
		return
	changed = changed_fields(doc, before, fieldnames)
	if changed:
		frappe.throw(
			_("These fields of {0} {1} are set by the system and cannot be changed by hand: {2}").format(
				_(doc.doctype), doc.name, ", ".join(_(doc.meta.get_label(f)) for f in changed)
			),
			title=_("Not Allowed"),
			exc=ProtectedFieldError,
		)


def name_by_the_app(doc, method=None) -> None:
	"""before_naming of the app's DocTypes: a record is named by its own rule (a unit from its project,
	building and room; a series; a contractor's name), never by an ID a Data Import file brings —
	Frappe keeps an imported name, which could take the next number of a series or another
	company's unit name."""
	if frappe.flags.in_import and doc.is_new():
		doc.name = None


def guard_stored_state(doc, method=None) -> None:
	"""before_validate of the app's DocTypes."""
	carry_system_save(doc)
	keep_owner_and_creation(doc)
	check_protected_fields(doc, SYSTEM_FIELDS.get(doc.doctype, ()))
	check_workflow_state_allows_edit(doc)


def carry_system_save(doc) -> None:
	"""A save the system makes for a user (the portal's, with ignore_permissions) is judged by the
	workflow on the user's role alone: Frappe checks the transition against the stored copy of the
	record, which must not ask for the user's own rights either."""
	before = doc.get_doc_before_save() if doc.flags.ignore_permissions and not doc.is_new() else None
	if before:
		before.flags.ignore_permissions = True


def keep_owner_and_creation(doc) -> None:
	"""Who created a record, and when, are history: a save cannot rewrite them."""
	if doc.is_new():
		return
	before = doc.get_doc_before_save()
	if before:
		doc.owner, doc.creation = before.owner, before.creation


def may_edit_in_state(doctype: str, state: str | None) -> bool:
	"""Whether the user's roles may edit a record in this state of its workflow ("Only Allow Edit For")."""
	workflow_name = frappe.model.meta.get_workflow_name(doctype)
	if not workflow_name:
		return True
	workflow = frappe.get_cached_doc("Workflow", workflow_name)
	editors = {row.allow_edit for row in workflow.states if row.state == state}
	return not editors or bool(editors & set(frappe.get_roles()))


def may_edit_stored(doctype: str, name: str) -> bool:
	"""may_edit_in_state for a record as stored."""
	workflow_name = frappe.model.meta.get_workflow_name(doctype)
	if not workflow_name:
		return True
	state_field = frappe.get_cached_value("Workflow", workflow_name, "workflow_state_field")
	return may_edit_in_state(doctype, frappe.db.get_value(doctype, name, state_field))


def check_workflow_state_allows_edit(doc) -> None:
	"""Off the desk as in it: in a state whose "Only Allow Edit For" roles the user lacks, a save
	may only apply one of the state's transitions (the state field and its update field)."""
	if doc.is_new() or doc.flags.system_update or doc.flags.ignore_permissions:
		return
	workflow_name = frappe.model.meta.get_workflow_name(doc.doctype)
	before = doc.get_doc_before_save()
	if not workflow_name or not before:
		return
	workflow = frappe.get_cached_doc("Workflow", workflow_name)
	state_field = workflow.workflow_state_field
	current = before.get(state_field)
	if may_edit_in_state(doc.doctype, current):
		return
	exempt = {state_field, *(row.update_field for row in workflow.states if row.update_field)}
	changed = [f for f in changed_data_fields(doc, before) if f not in exempt]
	if changed:
		frappe.throw(
			_("{0} {1} is {2}: you may only move it on through its workflow, not edit {3}").format(
				_(doc.doctype), doc.name, _(current), ", ".join(_(doc.meta.get_label(f)) for f in changed)
			),
			title=_("Not Allowed"),
			exc=WorkflowStateLockedError,
		)


def changed_data_fields(doc, before) -> list[str]:
	"""Fields (child tables included, as a whole) whose value differs from the stored record."""
	changed = []
	for df in doc.meta.fields:
		if df.fieldname in default_fields or df.fieldtype in frappe.model.no_value_fields:
			continue
		if df.fieldtype in frappe.model.table_fields:
			rows = lambda d: [  # noqa: E731
				{k: v for k, v in row.as_dict(no_default_fields=True).items() if k not in ("idx", "name")}
				for row in d.get(df.fieldname) or []
			]
			if rows(doc) != rows(before):
				changed.append(df.fieldname)
		elif _normalised(df.fieldtype, doc.get(df.fieldname)) != _normalised(df.fieldtype, before.get(df.fieldname)):
			changed.append(df.fieldname)
	return changed
