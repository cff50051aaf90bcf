app_name = "customer_service"
app_title = "Customer Service"
app_publisher = "customer_service contributors"
app_description = "Customer service for real-estate developers: receptions, service tasks with SLA and escalation, inspections and handover, homeowner portal"
app_email = "dev@customer-service.localhost"
app_license = "mit"
app_icon = "octicon octicon-comment-discussion"
app_color = "#2b6cb0"


export_python_type_annotations = True

# Installation
# ------------
before_install = "customer_service.setup.install.before_install"
after_install = "customer_service.setup.install.after_install"
after_migrate = "customer_service.setup.install.after_migrate"
before_uninstall = "customer_service.setup.install.before_uninstall"
# ERPNext arriving after the app, or leaving before it: the integration's custom fields
after_app_install = "customer_service.erp.fields.after_app_install"
before_app_uninstall = "customer_service.erp.fields.before_app_uninstall"

# Permissions: company isolation for staff, own records for portal users
# ----------------------------------------------------------------------
# every DocType of the app with rows of its own (the keys of customer_service.permissions.RULES)
_app_doctypes = (
	"Property Project",
	"Property Building",
	"Property Unit",
	"Homeowner",
	"Contractor",
	"Problem Category",
	"Service Organization",
	"Customer Service Settings",
	"Service Reception",
	"Service Task",
	"Complaint Topic",
	"Compensation",
	"Revisit",
	"Service Escalation",
	"Service Penalty",
	"Inspection Round",
	"Inspection Defect",
	"Inspected Unit",
	"Unit Handover",
	"Revisit Type",
)
# DocTypes run by an admin-editable Workflow whose states map to categories (state_categories.py)
_workflow_doctypes = ("Service Task", "Compensation", "Inspection Defect")
# what a user's scope is computed from
_scope_sources = ("Property Project", "Homeowner", "Contractor", "Service Organization")
# records whose attachments are private files: every record with rows of a company or a person
_private_attachments = (
	"Property Project",
	"Property Building",
	"Property Unit",
	"Homeowner",
	"Contractor",
	"Service Reception",
	"Service Task",
	"Complaint Topic",
	"Compensation",
	"Revisit",
	"Service Escalation",
	"Service Penalty",
	"Inspection Round",
	"Inspection Defect",
	"Inspected Unit",
	"Unit Handover",
)
# the app's child tables: listed on their own, a row is visible only with its parent
_child_doctypes = (
	"Calendar Exception",
	"Callback Rule",
	"Category Department",
	"Contractor Scope",
	"Escalation Level",
	"Handover Finding",
	"Handover Slot",
	"Homeowner Unit",
	"Inspection Round Building",
	"Inspection Round Inspector",
	"Penalty Rule",
	"Property Project Share",
	"Repeat Escalation Rule",
	"Revisit Schedule Rule",
)
_CLEAR_SCOPES = "customer_service.permissions.clear_scope_cache"


def _events(doctype: str) -> dict:
	on_update = [_CLEAR_SCOPES] if doctype in _scope_sources else []
	if doctype in _private_attachments:
		on_update.append("customer_service.attachments.make_attachments_private")
	events = {
		"before_naming": "customer_service.protected_fields.name_by_the_app",
		"before_validate": ["customer_service.protected_fields.guard_stored_state"],
		"validate": "customer_service.permissions.check_place",
		"on_update": on_update,
	}
	if doctype in _workflow_doctypes:
		events["before_validate"].append("customer_service.state_categories.sync_category")
	# changes to a submitted record skip validate: the same guards run before them
	events["before_update_after_submit"] = [
		"customer_service.protected_fields.guard_stored_state",
		*(["customer_service.state_categories.sync_category"] if doctype in _workflow_doctypes else []),
	]
	if doctype == "Property Project":
		on_update.append("customer_service.permissions.on_project_change")
	if doctype in _scope_sources:
		events["on_trash"] = _CLEAR_SCOPES
	return events


# `bench clear-cache` also forgets the users' company scopes kept in Redis
clear_cache = _CLEAR_SCOPES

# homeowners and contractors reach the portal, never the desk's API
before_request = ["customer_service.portal.access.keep_portal_users_in_the_portal"]

# uploads to the app's records are stored private; desk endpoints count only what the user may see
override_whitelisted_methods = {
	"upload_file": "customer_service.attachments.upload_file",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "customer_service.overrides.desk.dashboard_chart_get",
	"frappe.desk.doctype.number_card.number_card.get_result": "customer_service.overrides.desk.number_card_get_result",
	"frappe.desk.listview.get_group_by_count": "customer_service.overrides.desk.get_group_by_count",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": "customer_service.overrides.desk.get_submitted_linked_docs",
	"frappe.desk.like.toggle_like": "customer_service.overrides.desk.toggle_like",
	"frappe.desk.doctype.tag.tag.add_tag": "customer_service.overrides.desk.add_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "customer_service.overrides.desk.add_tags",
	"frappe.desk.doctype.tag.tag.remove_tag": "customer_service.overrides.desk.remove_tag",
	**{
		f"frappe.desk.form.document_follow.{method}": f"customer_service.overrides.desk.{method}"
		for method in ("follow_document", "unfollow_document", "update_follow", "get_follow_users")
	},
}

permission_query_conditions = {
	**{dt: "customer_service.permissions.query_conditions" for dt in _app_doctypes},
	**{dt: "customer_service.permissions.child_query_conditions" for dt in _child_doctypes},
	"File": "customer_service.attachments.file_query_conditions",
	"Note": "customer_service.announcements.note_query_conditions",
}
has_permission = {
	**{dt: "customer_service.permissions.has_permission" for dt in _app_doctypes},
	"File": "customer_service.attachments.file_has_permission",
	"Note": "customer_service.announcements.note_has_permission",
}

# announcements (Frappe's Note) of other companies do not pop up at login
extend_bootinfo = "customer_service.announcements.hide_other_companies_notes"

# the desk: what the app's query reports share (filters, the total row)
app_include_js = ["/assets/customer_service/js/reports.js"]

# ERPNext's Journal Entry form: "cancel all linked" leaves the compensation or chargeback it books
doctype_js = {"Journal Entry": "public/js/journal_entry.js"}

doc_events = {
	**{dt: _events(dt) for dt in _app_doctypes},
	"DocShare": {"validate": "customer_service.permissions.check_share"},
	"ToDo": {"validate": "customer_service.permissions.check_assignment"},
	"File": {
		"validate": "customer_service.attachments.check_file_url",
		"after_insert": "customer_service.attachments.make_private",
		"on_update": "customer_service.attachments.make_private",
	},
	"Workflow": {"validate": "customer_service.state_categories.validate_workflow"},
	# ERPNext (the hooks are never called without it)
	"Customer": {"validate": "customer_service.erp.parties.guard_back_link", "on_update": "customer_service.erp.parties.sync_back"},
	"Supplier": {"validate": "customer_service.erp.parties.guard_back_link", "on_update": "customer_service.erp.parties.sync_back"},
	"Journal Entry": {
		"validate": "customer_service.erp.entries.check_booking",
		"on_submit": "customer_service.erp.entries.on_journal_entry_submit",
		"before_cancel": "customer_service.erp.entries.before_journal_entry_cancel",
		"on_cancel": "customer_service.erp.entries.on_journal_entry_cancel",
	},
	"User Permission": {
		"on_update": [_CLEAR_SCOPES, "customer_service.permissions.on_user_permission_change"],
		"on_trash": [_CLEAR_SCOPES, "customer_service.permissions.on_user_permission_change"],
	},
	"User": {"on_update": _CLEAR_SCOPES},
}

# the portal: homeowners and contractors land on their pages and never reach the desk
role_home_page = {"Homeowner": "owner", "Contractor": "contractor"}
portal_menu_items = [
	{"title": "My Home", "route": "/owner", "role": "Homeowner"},
	{"title": "My Requests", "route": "/owner/requests", "role": "Homeowner"},
	{"title": "My Handover", "route": "/owner/handover", "role": "Homeowner"},
	{"title": "My Work", "route": "/contractor", "role": "Contractor"},
]

# the homeowner prints their signed handover (the confirmation) from the portal
has_website_permission = {"Unit Handover": "customer_service.portal.access.handover_confirmation_permission"}

jinja = {"methods": ["customer_service.inspection.inspection_summary_html"]}

# Scheduled jobs
# --------------
scheduler_events = {
	"cron": {
		# SLA warnings, overdue flags and overdue escalation (idempotent)
		"*/10 * * * *": ["customer_service.escalation.escalate_overdue_tasks"],
	},
	"daily": [
		"customer_service.revisits.create_scheduled_revisits",
		"customer_service.warranty.roll_warranty_expiries",
		"customer_service.inspection.flag_overdue_defects",
	],
}
