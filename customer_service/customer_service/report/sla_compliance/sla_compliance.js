// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["SLA Compliance"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_days(frappe.datetime.get_today(), -30) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Service Organization",
			get_query: () => ({ filters: { org_type: "Company" } }) },
		{ fieldname: "project", label: __("Project"), fieldtype: "Link", options: "Property Project" },
		{ fieldname: "task_type", label: __("Task Type"), fieldtype: "Select",
			options: ["", "Complaint", "Repair", "Warranty Repair", "Consultation", "Suggestion", "Equipment"] },
		{ fieldname: "priority", label: __("Priority"), fieldtype: "Select", options: ["", "Emergency", "High", "Normal"] },
		customer_service.group_by(["Project", "Task Type", "Responsible Department", "Task"]),
	],
};
