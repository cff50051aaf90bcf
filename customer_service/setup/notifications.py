"""The Notifications the app ships (email with a system notification, and SMS).

They are ordinary Notification records created when missing, so admins can
edit, disable or duplicate them in the desk and `bench migrate` keeps their
edits. "Assigned" fires on the task's `on_assignment` event, raised whenever
the responsible user gets the task in their ToDo list. The SMS ones go through Frappe's SMS Settings and ship disabled: enable
them once an SMS gateway is configured.
"""

import frappe

# conditions shipped before states became data (a patch moves unedited Notifications to the category)
LEGACY_CONDITIONS = {
	'doc.status == "Pending Approval"': 'doc.status_category == "Pending Approval"',
	'doc.status == "Dispatched"': 'doc.status_category == "Dispatched"',
}

# what homeowners are told: by email, and in the portal (a system notification is the portal's message list)
HOMEOWNER_NOTIFICATIONS = ("Reception Received", "Task Completed", "Handover Appointment Reminder", "Warranty Expiring")

TASK_LINK = '<a href="/app/service-task/{{ doc.name }}">{{ doc.name }}</a>'

# Managers are reached through the document's company (company_manager), never through a role:
# a role reaches every company's managers, and one company's problems must stay out of another's
# inbox. CS Administrators (the group's) get compensations above a manager's approval limit.
# Recipients shipped by role before; a patch moves unedited Notifications to the company manager.
LEGACY_ROLE_RECIPIENTS = {
	"Service Task Escalated": ("CS Manager", "CS Administrator"),
	"Systemic Defect Detected": ("CS Manager",),
	"Revisit Due": ("CS Manager",),
}
NOTIFICATIONS = (
	{
		"name": "Service Task Assigned",
		"document_type": "Service Task",
		"event": "Method",
		"method": "on_assignment",
		"condition": "doc.responsible_user",
		"subject": "{{ _('Task {0} assigned to you').format(doc.name) }}",
		"message": "<p>{{ _('Task {0} ({1}) on unit {2} is assigned to you.').format(doc.name, _(doc.task_type), doc.unit or '') }}</p>"
		"<p>{{ doc.description }}</p><p>{{ _('Response by') }}: {{ doc.response_by }}</p>" + TASK_LINK,
		"recipients": [{"receiver_by_document_field": "responsible_user"}],
	},
	{
		"name": "Service Task Assigned SMS",
		"channel": "SMS",
		"enabled": 0,
		"document_type": "Service Task",
		"event": "Method",
		"method": "on_assignment",
		"condition": "doc.responsible_user",
		"message": "{{ _('Task {0} assigned to you, respond by {1}').format(doc.name, doc.response_by) }}",
		"recipients": [{"receiver_by_document_field": "responsible_mobile"}],
	},
	{
		"name": "Service Task SLA Warning",
		"document_type": "Service Task",
		"event": "Value Change",
		"value_changed": "sla_warning_sent",
		"condition": "doc.sla_warning_sent",
		"subject": "{{ _('Task {0} is about to miss its response time').format(doc.name) }}",
		"message": "<p>{{ _('Respond by {0}.').format(doc.response_by) }}</p>" + TASK_LINK,
		"recipients": [{"receiver_by_document_field": "responsible_user"}],
	},
	{
		"name": "Service Task Resolution Warning",
		"document_type": "Service Task",
		"event": "Value Change",
		"value_changed": "resolution_warning_sent",
		"condition": "doc.resolution_warning_sent",
		"subject": "{{ _('Task {0} is about to miss its resolution time').format(doc.name) }}",
		"message": "<p>{{ _('Resolve by {0}.').format(doc.resolution_by) }}</p>" + TASK_LINK,
		"recipients": [{"receiver_by_document_field": "responsible_user"}],
	},
	{
		"name": "Service Task Not Dispatched",
		"document_type": "Service Task",
		"event": "Value Change",
		"value_changed": "dispatch_overdue",
		"condition": "doc.dispatch_overdue",
		"subject": "{{ _('Task {0} was not dispatched in time').format(doc.name) }}",
		"message": "<p>{{ _('It should have been assigned by {0}.').format(doc.dispatch_by) }}</p>" + TASK_LINK,
		"recipients": [{"receiver_by_document_field": "received_by"}, {"receiver_by_document_field": "company_manager"}],
	},
	{
		"name": "Service Task Overdue",
		"document_type": "Service Task",
		"event": "Value Change",
		"value_changed": "is_overdue",
		"condition": "doc.is_overdue",
		"subject": "{{ _('Task {0} is overdue').format(doc.name) }}",
		"message": "<p>{{ _('Response by {0}, resolution by {1}.').format(doc.response_by, doc.resolution_by) }}</p>" + TASK_LINK,
		"recipients": [{"receiver_by_document_field": "responsible_user"}, {"receiver_by_document_field": "company_manager"}],
	},
	{
		"name": "Service Task Overdue SMS",
		"channel": "SMS",
		"enabled": 0,
		"document_type": "Service Task",
		"event": "Value Change",
		"value_changed": "is_overdue",
		"condition": "doc.is_overdue",
		"message": "{{ _('Task {0} is overdue').format(doc.name) }}",
		"recipients": [{"receiver_by_document_field": "responsible_mobile"}],
	},
	{
		"name": "Service Task Escalated",
		"document_type": "Service Escalation",
		"event": "New",
		"subject": "{{ _('Task {0} escalated to level {1}').format(doc.task, doc.to_level) }}",
		"message": "<p>{{ _('Task {0} escalated from level {1} to level {2}: {3}').format(doc.task, doc.from_level, doc.to_level, _(doc.reason)) }}</p>"
		'<p>{{ doc.note or "" }}</p><a href="/app/service-task/{{ doc.task }}">{{ doc.task }}</a>',
		"recipients": [
			{"receiver_by_document_field": "notify_user"},
			{"receiver_by_document_field": "company_manager", "condition": "not doc.notify_user"},
		],
	},
	{
		"name": "Systemic Defect Detected",
		"document_type": "Complaint Topic",
		"event": "New",
		"condition": "doc.is_systemic",
		"subject": "{{ _('Systemic defect: {0}').format(doc.topic_name) }}",
		"message": "<p>{{ doc.description }}</p>"
		'<a href="/app/complaint-topic/{{ doc.name }}">{{ doc.name }}</a>',
		"recipients": [{"receiver_by_document_field": "company_manager"}],
	},
	{
		"name": "Compensation Awaiting Approval",
		"document_type": "Compensation",
		"event": "Value Change",
		"value_changed": "status",
		"condition": 'doc.status_category == "Pending Approval"',
		"subject": "{{ _('Compensation {0} awaits your approval').format(doc.name) }}",
		"message": "<p>{{ _('{0} for task {1}: {2}').format(_(doc.compensation_type), doc.task, doc.amount) }}</p>"
		'<p>{{ doc.reason }}</p><a href="/app/compensation/{{ doc.name }}">{{ doc.name }}</a>',
		"recipients": [{"receiver_by_document_field": "company_manager"}, {"receiver_by_role": "CS Administrator"}],
	},
	{
		"name": "Revisit Due",
		"document_type": "Revisit",
		"event": "Days Before",
		"date_changed": "due_date",
		"days_in_advance": 0,
		"condition": 'doc.status == "Open"',
		"subject": "{{ _('Revisit {0} is due today').format(doc.name) }}",
		"message": "<p>{{ _('{0} with homeowner {1}, unit {2}.').format(_(doc.revisit_type), doc.homeowner or '', doc.unit or '') }}</p>"
		'<a href="/app/revisit/{{ doc.name }}">{{ doc.name }}</a>',
		"recipients": [
			{"receiver_by_document_field": "agent"},
			{"receiver_by_document_field": "company_manager", "condition": "not doc.agent"},
		],
	},
	{
		"name": "Inspection Defect Dispatched",
		"document_type": "Inspection Defect",
		"event": "Value Change",
		"value_changed": "status",
		"condition": 'doc.status_category == "Dispatched"',
		"send_system_notification": 0,
		"subject": "{{ _('Defect {0} on unit {1} is yours to rectify').format(doc.name, doc.unit) }}",
		"message": "<p>{{ doc.location or '' }} {{ doc.description }}</p><p>{{ _('Rectify by {0}.').format(doc.rectify_by) }}</p>",
		"recipients": [{"receiver_by_document_field": "contractor_email"}],
	},
	{
		"name": "Inspection Defect Dispatched SMS",
		"channel": "SMS",
		"enabled": 0,
		"document_type": "Inspection Defect",
		"event": "Value Change",
		"value_changed": "status",
		"condition": 'doc.status_category == "Dispatched"',
		"message": "{{ _('Defect {0} on unit {1}: rectify by {2}').format(doc.name, doc.unit, doc.rectify_by) }}",
		"recipients": [{"receiver_by_document_field": "contractor_mobile"}],
	},
	{
		"name": "Inspection Defect Overdue",
		"document_type": "Inspection Defect",
		"event": "Value Change",
		"value_changed": "is_overdue",
		"condition": "doc.is_overdue",
		"subject": "{{ _('Defect {0} on unit {1} is overdue').format(doc.name, doc.unit) }}",
		"message": "<p>{{ _('It was due on {0}.').format(doc.rectify_by) }}</p>"
		'<a href="/app/inspection-defect/{{ doc.name }}">{{ doc.name }}</a>',
		"recipients": [{"receiver_by_document_field": "contractor_email"}, {"receiver_by_document_field": "company_manager"}],
	},
	{
		"name": "Reception Received",
		"document_type": "Service Reception",
		"event": "New",
		"condition": 'doc.homeowner_email and doc.channel != "Handover Inspection"',
		"subject": "{{ _('We have received your request {0}').format(doc.name) }}",
		"message": "<p>{{ _('Thank you. Your request {0} is registered; customer service will contact you soon. You can follow it under My Requests.').format(doc.name) }}</p>",
		"recipients": [{"receiver_by_document_field": "homeowner_email"}],
	},
	{
		"name": "Reception Received SMS",
		"channel": "SMS",
		"enabled": 0,
		"document_type": "Service Reception",
		"event": "New",
		"condition": 'doc.mobile_no and doc.channel != "Handover Inspection"',
		"message": "{{ _('Your request {0} is registered; customer service will contact you soon.').format(doc.name) }}",
		"recipients": [{"receiver_by_document_field": "mobile_no"}],
	},
	{
		"name": "Task Completed",
		"document_type": "Service Task",
		"event": "Value Change",
		"value_changed": "status",
		"condition": 'doc.status_category == "Completed" and doc.homeowner_email',
		"subject": "{{ _('Your request {0} is done').format(doc.reception) }}",
		"message": "<p>{{ _('The work on {0} is completed. Please tell us under My Requests how satisfied you are.').format(doc.description) }}</p>",
		"recipients": [{"receiver_by_document_field": "homeowner_email"}],
	},
	{
		"name": "Task Completed SMS",
		"channel": "SMS",
		"enabled": 0,
		"document_type": "Service Task",
		"event": "Value Change",
		"value_changed": "status",
		"condition": 'doc.status_category == "Completed" and doc.homeowner_mobile',
		"message": "{{ _('Your request {0} is done; please rate it under My Requests.').format(doc.reception) }}",
		"recipients": [{"receiver_by_document_field": "homeowner_mobile"}],
	},
	{
		"name": "Handover Appointment Reminder",
		"document_type": "Unit Handover",
		"event": "Days Before",
		"date_changed": "appointment",
		"days_in_advance": 1,
		"condition": "doc.docstatus == 0",
		"subject": "{{ _('Your handover appointment for {0} is tomorrow').format(doc.unit) }}",
		"message": "<p>{{ _('We look forward to handing over your home {0} at {1}.').format(doc.unit, doc.appointment) }}</p>",
		"recipients": [{"receiver_by_document_field": "homeowner_email"}],
	},
	{
		"name": "Handover Appointment Reminder SMS",
		"channel": "SMS",
		"enabled": 0,
		"document_type": "Unit Handover",
		"event": "Days Before",
		"date_changed": "appointment",
		"days_in_advance": 1,
		"condition": "doc.docstatus == 0",
		"message": "{{ _('Your handover appointment for {0} is at {1}').format(doc.unit, doc.appointment) }}",
		"recipients": [{"receiver_by_document_field": "homeowner_mobile"}],
	},
	{
		"name": "Warranty Expiring",
		"document_type": "Property Unit",
		"event": "Days Before",
		"date_changed": "next_warranty_expiry",
		"days_in_advance": 30,
		"subject": "{{ _('A warranty of your home {0} ends on {1}').format(doc.name, doc.next_warranty_expiry) }}",
		"message": "<p>{{ _('Please check your home and report any problem before {0} so that it is repaired under warranty.').format(doc.next_warranty_expiry) }}</p>",
		"recipients": [{"receiver_by_document_field": "homeowner_email"}],
	},
	{
		"name": "Warranty Expiring SMS",
		"channel": "SMS",
		"enabled": 0,
		"document_type": "Property Unit",
		"event": "Days Before",
		"date_changed": "next_warranty_expiry",
		"days_in_advance": 30,
		"message": "{{ _('A warranty of your home {0} ends on {1}; please report any problem before then.').format(doc.name, doc.next_warranty_expiry) }}",
		"recipients": [{"receiver_by_document_field": "homeowner_mobile"}],
	},
)


def create_notifications():
	for spec in NOTIFICATIONS:
		if frappe.db.exists("Notification", spec["name"]):
			continue
		doc = frappe.new_doc("Notification")
		doc.update({"channel": "Email", "enabled": 1, "send_system_notification": 1, "is_standard": 0, **spec})
		if doc.channel != "Email":
			doc.send_system_notification = 0
		doc.insert(ignore_permissions=True)
