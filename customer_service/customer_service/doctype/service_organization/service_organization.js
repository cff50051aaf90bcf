// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Service Organization", {
	setup(frm) {
		frm.set_query("parent_service_organization", () => ({ filters: { is_group: 1 } }));
	},
});
