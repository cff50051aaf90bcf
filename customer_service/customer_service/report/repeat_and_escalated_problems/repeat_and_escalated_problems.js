// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Repeat and Escalated Problems"] = customer_service.report({
	days: 365,
	place: ["company", "project", "problem_category"],
});
