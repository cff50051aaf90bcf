// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Complaint Analysis"] = customer_service.report({
	days: 180,
	before: [
		customer_service.group_by(["Problem Category", "Project", "Contractor"]),
		{ fieldname: "top_n", label: __("Show Top"), fieldtype: "Int", default: 10 },
	],
	place: ["company", "project", "problem_category", "contractor"],
});
