// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Revisit Coverage"] = customer_service.report({ days: 90 });
