// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Compensation Summary"] = customer_service.report({
	days: 90,
	before: [customer_service.group_by(["Compensation Type", "Project", "Approver", "Status"])],
});
