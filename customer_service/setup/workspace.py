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
	("Handovers This Week", "Unit Handover", [["docstatus", "=", 0], ["appointment", "Timespan", "this week"]], [], "#0EA5E9"),
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

# chart name, doctype, group by[, filters[, chart type]]: counted per user (company isolation) by the
# Grouped Count source, labels translated
# The workbench shows current work: open tasks by state, this month's receptions and tasks (a group
# holds millions of closed tasks; counting them all on every visit cost seconds, make benchmark).
THIS_MONTH = ["Timespan", "this month"]
CHARTS = (
	("Tasks by Status", "Service Task", "status", [["status_category", "in", ACTIVE]]),
	("Receptions by Channel", "Service Reception", "channel", [["received_on", *THIS_MONTH]]),
	("Receptions by Status", "Service Reception", "status", [["received_on", *THIS_MONTH]]),
	("Tasks by Status Category", "Service Task", "status_category", [["creation", *THIS_MONTH]], "Pie"),
	("Overdue Tasks by Department", "Service Task", "responsible_department",
	 [["is_overdue", "=", 1], ["status_category", "in", ACTIVE]], "Bar"),
	("Open Defects by Round", "Inspection Defect", "inspection_round",
	 [["status_category", "in", ["To Dispatch", "Dispatched"]]], "Bar"),
)  # fmt: skip
# number cards that are a figure of their own (a rate): label, method
# (Frappe shows a custom card to those who read its DocType)
CUSTOM_CARDS = (("Satisfaction This Month", "customer_service.api.workbench.satisfaction_this_month", "#16A34A", "Revisit"),)
# every report of the app, on the workbench's Reports card
REPORTS = (
	"SLA Compliance", "Task Ageing", "Complaint Analysis", "Repeat and Escalated Problems", "Satisfaction Rate",
	"Revisit Coverage", "Compensation Summary", "Penalty Ledger", "Defect Rectification", "Contractor Scorecard",
	"Warranty Status",
)  # fmt: skip

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
	create_custom_cards()
	for chart_name, doctype, group_by, *options in CHARTS:
		if not frappe.db.exists("Dashboard Chart", chart_name):
			chart = frappe.get_doc(chart_spec(chart_name, doctype, group_by, *options)).insert(ignore_permissions=True)
			chart.db_set("currency", None)  # counts, not money (Frappe gives a new chart the site's currency)
	if frappe.db.exists("Workspace", WORKSPACE):
		return
	content = [{"id": "header", "type": "header", "data": {"text": f'<span class="h4"><b>{WORKSPACE}</b></span>', "col": 12}}]
	content.append({"id": "announcements", "type": "quick_list", "data": {"quick_list_name": ANNOUNCEMENTS, "col": 12}})
	content += [
		{"id": f"card-{i}", "type": "number_card", "data": {"number_card_name": label, "col": 3}}
		for i, label in enumerate(card_labels())
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
	content.append({"id": "links-reports", "type": "card", "data": {"card_name": REPORTS_CARD, "col": 4}})
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
			"number_cards": [{"number_card_name": label, "label": label} for label in card_labels()],
			"charts": [{"chart_name": name, "label": name} for name, *_rest in CHARTS],
			"quick_lists": [announcements_list()],
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
			]
			+ report_links(),
		}
	)
	workspace.insert(ignore_permissions=True)


REPORTS_CARD = "Customer Service Reports"
CHART_ROLES = ("CS Administrator", "CS Manager", "CS Agent", "CS Engineer")
# the announcements (公告, Frappe's Note) on the workbench: the public ones the user may see
ANNOUNCEMENTS = "Announcements"


def announcements_list() -> dict:
	return {"document_type": "Note", "label": ANNOUNCEMENTS, "quick_list_filter": json.dumps([["Note", "public", "=", 1]])}


def card_labels() -> list[str]:
	return [label for label, *_rest in NUMBER_CARDS] + [label for label, *_rest in CUSTOM_CARDS]


def report_links() -> list[dict]:
	return [
		{"type": "Card Break", "label": REPORTS_CARD, "link_count": len(REPORTS)},
		*({"type": "Link", "label": report, "link_type": "Report", "link_to": report, "is_query_report": 1} for report in REPORTS),
	]


def create_custom_cards() -> None:
	for label, method, color, doctype in CUSTOM_CARDS:
		if not frappe.db.exists("Number Card", label):
			frappe.get_doc(
				{"doctype": "Number Card", "label": label, "type": "Custom", "method": method, "is_public": 1,
				 "is_standard": 0, "module": "Customer Service", "color": color, "document_type": doctype}
			).insert(ignore_permissions=True).db_set("currency", None)  # a rate, not money  # fmt: skip


def chart_spec(chart_name: str, doctype: str, group_by: str, filters=None, chart_type: str = "Donut") -> dict:
	return {
		"doctype": "Dashboard Chart",
		"chart_name": chart_name,
		"chart_type": "Custom",
		"source": "Grouped Count",
		"filters_json": json.dumps({"document_type": doctype, "group_by": group_by, "filters": json.dumps(filters or [])}),
		# who sees it: Frappe shows a chart of a custom source only to its roles (its counts are the user's own)
		"document_type": doctype,
		"roles": [{"role": role} for role in CHART_ROLES],
		"type": chart_type,
		"is_public": 1,
		"is_standard": 0,
		"module": "Customer Service",
		"timespan": "Last Year",
		"time_interval": "Monthly",
	}
