// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Problem Category", {
	setup(frm) {
		frm.set_query("parent_problem_category", () => ({ filters: { is_group: 1 } }));
	},
});
