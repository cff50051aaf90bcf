// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Homeowner", {
	refresh(frm) {
		if (!frm.is_new() && !frm.doc.user) {
			frm.add_custom_button(__("Create Portal User"), () =>
				frm.call({ doc: frm.doc, method: "create_portal_user", freeze: true }).then(() => frm.reload_doc())
			);
		}
	},
});
