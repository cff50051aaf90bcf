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

# Permissions: company isolation of projects and everything below them
# --------------------------------------------------------------------
_isolated_by_project = (
	"Property Building",
	"Property Unit",
	"Service Reception",
	"Service Task",
	"Complaint Topic",
	"Compensation",
	"Revisit",
	"Service Escalation",
	"Inspection Round",
	"Inspection Defect",
	"Unit Handover",
	"Service Penalty",
	"Inspected Unit",
)

permission_query_conditions = {
	"Property Project": "customer_service.permissions.project_query_conditions",
	"Homeowner": "customer_service.permissions.homeowner_query_conditions",
	**{dt: "customer_service.permissions.project_child_query_conditions" for dt in _isolated_by_project},
}

has_permission = {
	"Property Project": "customer_service.permissions.has_project_permission",
	"Homeowner": "customer_service.permissions.has_homeowner_permission",
	**{dt: "customer_service.permissions.has_project_child_permission" for dt in _isolated_by_project},
}

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
