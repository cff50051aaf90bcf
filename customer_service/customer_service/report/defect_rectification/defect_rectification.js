// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Defect Rectification"] = customer_service.report({
	days: 365,
	place: ["company", "project", "inspection_round", "contractor", "problem_category"],
});
