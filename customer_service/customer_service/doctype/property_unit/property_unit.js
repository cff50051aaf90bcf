// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Property Unit", {
	setup(frm) {
		frm.set_query("building", () => ({ filters: frm.doc.project ? { project: frm.doc.project } : {} }));
	},
	project(frm) {
		frm.set_value("building", null);
	},
});
