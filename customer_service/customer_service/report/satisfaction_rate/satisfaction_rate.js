// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Satisfaction Rate"] = customer_service.report({
	days: 180,
	before: [customer_service.group_by(["Month", "Project", "Task Type"])],
});
