"""The workbench of a site from before gets what came since — the charts (receptions by status,
tasks by category, overdue by department, open defects by round), the satisfaction rate card,
the Reports card with every report and the announcements — added to it; nothing of the admin's
arrangement is removed, and only the announcements go to the top."""

import json

import frappe

from customer_service.setup.workspace import (
	ANNOUNCEMENTS,
	CHART_ROLES,
	CHARTS,
	REPORTS_CARD,
	WORKSPACE,
	announcements_list,
	card_labels,
	create_workspace,
	report_links,
)


def execute():
	create_workspace()  # the missing cards and charts (an existing workspace itself is left alone)
	give_charts_their_roles()
	if not frappe.db.exists("Workspace", WORKSPACE):
		return
	workspace = frappe.get_doc("Workspace", WORKSPACE)
	content = json.loads(workspace.content or "[]")
	cards = {row.number_card_name for row in workspace.number_cards}
	for label in card_labels():
		if label not in cards:
			workspace.append("number_cards", {"number_card_name": label, "label": label})
			content.append({"id": f"card-{frappe.scrub(label)}", "type": "number_card", "data": {"number_card_name": label, "col": 3}})
	charts = {row.chart_name for row in workspace.charts}
	for name, *_rest in CHARTS:
		if name not in charts:
			workspace.append("charts", {"chart_name": name, "label": name})
			content.append({"id": f"chart-{frappe.scrub(name)}", "type": "chart", "data": {"chart_name": name, "col": 6}})
	if not any(row.type == "Card Break" and row.label == REPORTS_CARD for row in workspace.links):
		for row in report_links():
			workspace.append("links", row)
		content.append({"id": "links-reports", "type": "card", "data": {"card_name": REPORTS_CARD, "col": 4}})
	if not any(row.label == ANNOUNCEMENTS for row in workspace.quick_lists):
		workspace.append("quick_lists", announcements_list())
		content.insert(1, {"id": "announcements", "type": "quick_list", "data": {"quick_list_name": ANNOUNCEMENTS, "col": 12}})
	workspace.content = json.dumps(content, ensure_ascii=False)
	workspace.flags.ignore_permissions = True
	workspace.save()


def give_charts_their_roles() -> None:
	"""The shipped charts were shown to System Managers only (Frappe shows a chart of a custom source
	to its roles): they get the app's roles, unless an admin has set roles of their own; and they
	counted in the site's currency (Frappe's default for a new chart): they count plainly."""
	for name, *_rest in CHARTS:
		if not frappe.db.exists("Dashboard Chart", name):
			continue
		chart = frappe.get_doc("Dashboard Chart", name)
		if chart.currency == frappe.db.get_default("currency"):
			chart.db_set("currency", None)  # counts, not money
		if chart.roles:
			continue
		for role in CHART_ROLES:
			chart.append("roles", {"role": role})
		chart.flags.ignore_permissions = True
		chart.save()
