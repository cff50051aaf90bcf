// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Inspection Defect", {
	setup(frm) {
		frm.set_query("problem_category", () => ({ filters: { is_group: 0 } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const act = (label, method, args) =>
			frm.add_custom_button(label, () =>
				frm.call({ doc: frm.doc, method, args, freeze: true }).then(() => frm.reload_doc())
			);
		if (frm.doc.status === "Open") act(__("Dispatch"), "dispatch");
		if (frm.doc.status === "Dispatched") act(__("Mark Rectified"), "mark_rectified");
		if (frm.doc.status === "Rectified") {
			act(__("Verify"), "verify");
			frm.add_custom_button(__("Reject"), () =>
				frappe.prompt({ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }, ({ reason }) =>
					frm.call({ doc: frm.doc, method: "reject", args: { reason } }).then(() => frm.reload_doc())
				)
			);
		}
	},
});
