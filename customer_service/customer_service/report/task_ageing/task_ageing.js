// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Task Ageing"] = customer_service.report({
	days: 0, // open tasks, however old
	place: ["company", "project", "problem_category", "responsible_department"],
});
