// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Complaint Topic", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.standard_solution || !frm.doc.open_task_count) return;
		frm.add_custom_button(__("Apply Solution to Open Tasks"), () =>
			frm.call({ doc: frm.doc, method: "apply_solution", freeze: true }).then((r) => {
				frappe.show_alert({ message: __("{0} tasks updated", [r.message]), indicator: "green" });
				frm.reload_doc();
			})
		);
	},
});
