// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Unit Handover", {
	setup(frm) {
		frm.set_query("inspection_round", () => ({ filters: { round_type: "Handover" } }));
		frm.set_query("unit", () => ({ filters: { status: ["not in", ["Delivered", "Occupied"]] } }));
		frm.set_query("problem_category", "findings", () => ({ filters: { is_group: 0 } }));
	},
	unit(frm) {
		if (!frm.doc.unit) return;
		frappe.db.get_value("Property Unit", frm.doc.unit, "primary_homeowner").then(({ message }) => {
			if (message && message.primary_homeowner) frm.set_value("homeowner", message.primary_homeowner);
		});
	},
});
