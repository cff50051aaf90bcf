// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Inspection Defect", {
	setup(frm) {
		frm.set_query("problem_category", () => ({ filters: { is_group: 0 } }));
	},
	refresh(frm) {
		// the moves are the workflow's actions (Actions menu); a rejection asks for its reason here
		if (frm.is_new()) return;
		if (frm.doc.status_category === "Rectified") {
			frm.add_custom_button(__("Reject with Reason"), () =>
				frappe.prompt({ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }, ({ reason }) =>
					frm.call({ doc: frm.doc, method: "reject", args: { reason } }).then(() => frm.reload_doc())
				)
			);
		}
	},
});
