// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Property Project", {
	setup(frm) {
		frm.set_query("company", () => ({ filters: { org_type: "Company" } }));
		frm.set_query("company", "shared_with", () => ({ filters: { org_type: "Company" } }));
	},
});
