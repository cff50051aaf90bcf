"""What a workflow state means to the app: its category.

Service Task, Compensation and Inspection Defect run on admin-editable Workflows whose states
are data. Each state maps to a fixed category through its Workflow Document State row (Update
Field `status_category`, Update Value the category), and the app's rules read the category,
never a state's name: the SLA clock stops in Paused states, a callback is due on entering
Completed, a task closes in Closed, Cancelled tasks do not count as repeats, and so on.

`status_category` is kept in step with `status` on every save (`sync_category`), so filters,
cards and reports query the category column. Without an active workflow the shipped mapping
(`setup.workflows`) answers.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name

CATEGORY_FIELD = "status_category"
STATE_FIELD = "status"

# the categories of each DocType: a fixed vocabulary the app's rules are written against
CATEGORIES: dict[str, tuple[str, ...]] = {
	"Service Task": ("Open", "Paused", "Completed", "Closed", "Cancelled"),
	"Compensation": ("Draft", "Pending Approval", "Approved", "Paid", "Rejected", "Cancelled"),
	"Inspection Defect": ("To Dispatch", "Dispatched", "Rectified", "Verified", "Cancelled"),
}

# Service Task: open work, and work whose resolution clock runs
TASK_OPEN = ("Open",)
TASK_ACTIVE = ("Open", "Paused")  # not finished: listed as open, due, overdue
TASK_DONE = ("Completed", "Closed", "Cancelled")  # the work is over (callback due or not wanted)
TASK_FINISHED = ("Closed", "Cancelled")  # nothing more will happen
DEFECT_OPEN = ("To Dispatch", "Dispatched")  # blocks a handover, counts as open


class UnmappedStateError(frappe.ValidationError):
	pass


def category_map(doctype: str) -> dict[str, str]:
	"""{state: category} of the DocType's active workflow (the shipped mapping without one)."""
	name = get_workflow_name(doctype)
	if not name:
		from customer_service.setup.workflows import shipped_categories

		return shipped_categories(doctype)
	workflow = frappe.get_cached_doc("Workflow", name)
	return {
		row.state: row.update_value
		for row in workflow.states
		if row.update_field == CATEGORY_FIELD and row.update_value
	}


def category_of(doctype: str, state: str | None) -> str | None:
	if not state:
		return None
	return category_map(doctype).get(state)


def states_in(doctype: str, *categories: str) -> list[str]:
	"""The states of the given categories (for admins' filters; the app's own queries use the category column)."""
	return [state for state, category in category_map(doctype).items() if category in categories]


def sync_category(doc, method=None) -> None:
	"""validate of the workflow DocTypes: the category follows the state."""
	doc.set(CATEGORY_FIELD, category_of(doc.doctype, doc.get(STATE_FIELD)) or doc.get(CATEGORY_FIELD))


def in_category(doc, *categories: str) -> bool:
	return doc.get(CATEGORY_FIELD) in categories


def entered(doc, *categories: str) -> bool:
	"""Whether this save moved the record into one of the categories."""
	if not in_category(doc, *categories):
		return False
	before = doc.get_doc_before_save()
	return before is None or before.get(CATEGORY_FIELD) not in categories


def left(doc, *categories: str) -> bool:
	before = doc.get_doc_before_save()
	return bool(before) and before.get(CATEGORY_FIELD) in categories and not in_category(doc, *categories)


def initial_state(doctype: str) -> str | None:
	name = get_workflow_name(doctype)
	if name:
		states = frappe.get_cached_doc("Workflow", name).states
		return states[0].state if states else None
	from customer_service.setup.workflows import shipped_states

	return next(iter(shipped_states(doctype)), None)


def transition_target(doctype: str, current: str | None, category: str) -> str | None:
	"""The state a transition of the workflow leads to from `current` into `category`."""
	name = get_workflow_name(doctype)
	if not (name and current):
		return None
	mapping = category_map(doctype)
	for transition in frappe.get_cached_doc("Workflow", name).transitions:
		if transition.state == current and mapping.get(transition.next_state) == category:
			return transition.next_state
	return None


def state_for(doctype: str, category: str, current: str | None = None) -> str:
	"""The state the app moves a record to when the system (not a user) changes its category: the
	state a transition from `current` leads to in that category, else the workflow's first state
	of that category."""
	if target := transition_target(doctype, current, category):
		return target
	for state, state_category in category_map(doctype).items():
		if state_category == category:
			return state
	frappe.throw(
		_("The workflow of {0} has no state of category {1}").format(_(doctype), _(category)),
		title=_("Workflow Incomplete"),
		exc=UnmappedStateError,
	)


def last_open_state(doctype: str) -> str:
	"""The open state work happens in: one with a transition into a Completed state (To Implement)."""
	mapping = category_map(doctype)
	name = get_workflow_name(doctype)
	if name:
		for transition in frappe.get_cached_doc("Workflow", name).transitions:
			if mapping.get(transition.state) == "Open" and mapping.get(transition.next_state) == "Completed":
				return transition.state
	return state_for(doctype, "Open")


def set_state(doc, state: str, **values) -> None:
	"""A state change the system makes (a defect completing its task, a dissatisfied callback
	reopening it): state and category written together, with the Notifications watching them."""
	doc.db_set({STATE_FIELD: state, CATEGORY_FIELD: category_of(doc.doctype, state), **values}, notify=True)


def validate_workflow(workflow, method=None) -> None:
	"""validate of Workflow: a workflow of these DocTypes drives `status`, and every state says what
	it means. A state's rows share the category of any one of them that has it."""
	if workflow.document_type not in CATEGORIES:
		return
	if workflow.workflow_state_field != STATE_FIELD:
		frappe.throw(
			_("The workflow of {0} must drive the field {1}").format(_(workflow.document_type), STATE_FIELD),
			title=_("Invalid Workflow"),
			exc=UnmappedStateError,
		)
	allowed = CATEGORIES[workflow.document_type]
	given = {
		row.state: row.update_value for row in workflow.states if row.update_field == CATEGORY_FIELD and row.update_value
	}
	typed_in_translation = {_(category): category for category in allowed}
	for row in workflow.states:
		if not (row.update_field == CATEGORY_FIELD and row.update_value) and row.state in given:
			row.update_field, row.update_value = CATEGORY_FIELD, given[row.state]
		if row.update_field == CATEGORY_FIELD and row.update_value in typed_in_translation:
			row.update_value = typed_in_translation[row.update_value]  # 暂停 means Paused
		if row.update_field != CATEGORY_FIELD or row.update_value not in allowed:
			frappe.throw(
				_(
					"Row {0}: say what state {1} means — set Update Field to {2} and Update Value to one of: {3}"
				).format(row.idx, row.state, CATEGORY_FIELD, ", ".join(f"{c} ({_(c)})" for c in allowed)),
				title=_("State Without Category"),
				exc=UnmappedStateError,
			)
