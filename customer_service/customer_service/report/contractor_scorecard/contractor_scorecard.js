// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Contractor Scorecard"] = {
	filters: [
		{ fieldname: "project", label: __("Project"), fieldtype: "Link", options: "Property Project" },
		{ fieldname: "inspection_round", label: __("Inspection Round"), fieldtype: "Link", options: "Inspection Round" },
		{ fieldname: "contractor", label: __("Contractor"), fieldtype: "Link", options: "Contractor" },
	],
};
