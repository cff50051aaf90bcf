// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Penalty Ledger"] = customer_service.report({
	days: 365,
	before: [customer_service.group_by(["Party", "Reason", "Level"])],
	after: [
		{ fieldname: "party_type", label: __("Party Type"), fieldtype: "Select",
		  options: ["", "Service Organization", "Contractor"].map((v) => ({ value: v, label: v ? __(v) : "" })) },
		{ fieldname: "penalty_type", label: __("Penalty Type"), fieldtype: "Select",
		  options: ["", "Penalty", "Chargeback"].map((v) => ({ value: v, label: v ? __(v, null, "Service Penalty") : "" })) },
	],
});
