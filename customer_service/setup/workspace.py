"""The workbench (客服工作台): a Workspace with number cards, charts and shortcuts.

Created when missing, never overwritten: admins may rearrange it, add cards
or hide it, and `bench migrate` keeps their edits.
"""

import json

import frappe

WORKSPACE = "客服工作台"
ACTIVE = ["Open", "Paused"]  # task categories of work not yet done

# label, doctype, filters, dynamic filters, color
NUMBER_CARDS = (
	("Receptions To Decompose", "Service Reception", [["status", "=", "To Decompose"]], [], "#F59E0B"),
	("Open Tasks", "Service Task", [["status_category", "in", ACTIVE]], [], "#3B82F6"),
	(
		"My Open Tasks",
		"Service Task",
		[["status_category", "in", ACTIVE]],
		[["Service Task", "responsible_user", "=", "frappe.session.user"]],
		"#6366F1",
	),
	("Overdue Tasks", "Service Task", [["is_overdue", "=", 1], ["status_category", "in", ACTIVE]], [], "#EF4444"),
	(
		"Due Today",
		"Service Task",
		[["status_category", "in", ACTIVE]],
		[["Service Task", "resolution_by", "<=", "frappe.datetime.get_today() + ' 23:59:59'"]],
		"#F97316",
	),
	("Escalated Tasks", "Service Task", [["escalation_level", ">", 0], ["status_category", "in", ACTIVE]], [], "#DC2626"),
	(
		"Revisits Due",
		"Revisit",
		[["status", "=", "Open"]],
		[["Revisit", "due_date", "<=", "frappe.datetime.get_today()"]],
		"#10B981",
	),
	(
		"Satisfied Callbacks This Month",
		"Revisit",
		[["satisfaction", "in", ["Very Satisfied", "Satisfied"]], ["revisited_on", "Timespan", "this month"]],
		[],
		"#22C55E",
	),
	("Compensations Awaiting Approval", "Compensation", [["status_category", "=", "Pending Approval"]], [], "#A855F7"),
	("Open Defects", "Inspection Defect", [["status_category", "in", ["To Dispatch", "Dispatched"]]], [], "#64748B"),
)
# the filters cards shipped with before states became data (a patch moves unedited cards on)
LEGACY_CARD_FILTERS = {
	"Open Tasks": [["status", "in", ["To Assign", "To Reply", "Discussing Solution", "To Implement"]]],
	"My Open Tasks": [["status", "in", ["To Assign", "To Reply", "Discussing Solution", "To Implement"]]],
	"Overdue Tasks": [["is_overdue", "=", 1], ["status", "in", ["To Assign", "To Reply", "Discussing Solution", "To Implement"]]],
	"Due Today": [["status", "in", ["To Assign", "To Reply", "Discussing Solution", "To Implement"]]],
	"Escalated Tasks": [["escalation_level", ">", 0], ["status", "in", ["To Assign", "To Reply", "Discussing Solution", "To Implement"]]],
	"Compensations Awaiting Approval": [["status", "=", "Pending Approval"]],
	"Open Defects": [["status", "in", ["Open", "Dispatched"]]],
}

# chart name, doctype, group by: counted per user (company isolation) by the Grouped Count source
CHARTS = (
	("Tasks by Status", "Service Task", "status"),
	("Receptions by Channel", "Service Reception", "channel"),
)

SHORTCUTS = (
	("Service Reception", "DocType", "List"),
	("Service Task", "DocType", "List"),
	("Complaint Topic", "DocType", "List"),
	("Revisit", "DocType", "List"),
	("Compensation", "DocType", "List"),
	("Inspection Round", "DocType", "List"),
	("Unit Handover", "DocType", "List"),
	("SLA Compliance", "Report", ""),
	("Contractor Scorecard", "Report", ""),
	("Warranty Status", "Report", ""),
)

LINK_CARDS = (
	("Property", ["Property Project", "Property Building", "Property Unit", "Homeowner"]),
	("Service", ["Service Reception", "Service Task", "Service Escalation", "Service Penalty", "Complaint Topic"]),
	("Inspection and Handover", ["Inspection Round", "Inspection Defect", "Unit Handover"]),
	("Setup", ["Service Organization", "Problem Category", "Contractor", "Customer Service Settings"]),
)


def create_workspace():
	for label, doctype, filters, dynamic_filters, color in NUMBER_CARDS:
		if frappe.db.exists("Number Card", label):
			continue
		frappe.get_doc(
			{
				"doctype": "Number Card",
				"label": label,
				"type": "Document Type",
				"document_type": doctype,
				"function": "Count",
				"filters_json": json.dumps([[doctype, *f] for f in filters]),
				"dynamic_filters_json": json.dumps(dynamic_filters),
				"is_public": 1,
				"is_standard": 0,
				"module": "Customer Service",
				"color": color,
			}
		).insert(ignore_permissions=True)
	for chart_name, doctype, group_by in CHARTS:
		if not frappe.db.exists("Dashboard Chart", chart_name):
			frappe.get_doc(chart_spec(chart_name, doctype, group_by)).insert(ignore_permissions=True)
	if frappe.db.exists("Workspace", WORKSPACE):
		return
	content = [{"id": "header", "type": "header", "data": {"text": f'<span class="h4"><b>{WORKSPACE}</b></span>', "col": 12}}]
	content += [
		{"id": f"card-{i}", "type": "number_card", "data": {"number_card_name": label, "col": 3}}
		for i, (label, *_rest) in enumerate(NUMBER_CARDS)
	]
	content += [
		{"id": f"chart-{i}", "type": "chart", "data": {"chart_name": name, "col": 6}} for i, (name, *_rest) in enumerate(CHARTS)
	]
	content += [
		{"id": f"shortcut-{i}", "type": "shortcut", "data": {"shortcut_name": name, "col": 3}}
		for i, (name, _type, _view) in enumerate(SHORTCUTS)
	]
	content += [
		{"id": f"links-{i}", "type": "card", "data": {"card_name": card, "col": 4}} for i, (card, _links) in enumerate(LINK_CARDS)
	]
	workspace = frappe.get_doc(
		{
			"doctype": "Workspace",
			"name": WORKSPACE,
			"label": WORKSPACE,
			"title": WORKSPACE,
			"module": "Customer Service",
			"icon": "support",
			"public": 1,
			"sequence_id": 1,
			"content": json.dumps(content, ensure_ascii=False),
			"number_cards": [{"number_card_name": label, "label": label} for label, *_rest in NUMBER_CARDS],
			"charts": [{"chart_name": name, "label": name} for name, *_rest in CHARTS],
			"shortcuts": [
				{"label": name, "link_to": name, "type": kind, "doc_view": view} for name, kind, view in SHORTCUTS
			],
			"links": [
				row
				for card, links in LINK_CARDS
				for row in (
					{"type": "Card Break", "label": card, "link_count": len(links)},
					*({"type": "Link", "label": dt, "link_type": "DocType", "link_to": dt} for dt in links),
				)
			],
		}
	)
	workspace.insert(ignore_permissions=True)


def chart_spec(chart_name: str, doctype: str, group_by: str) -> dict:
	return {
		"doctype": "Dashboard Chart",
		"chart_name": chart_name,
		"chart_type": "Custom",
		"source": "Grouped Count",
		"filters_json": json.dumps({"document_type": doctype, "group_by": group_by}),
		"type": "Donut",
		"is_public": 1,
		"is_standard": 0,
		"module": "Customer Service",
		"timespan": "Last Year",
		"time_interval": "Monthly",
	}
