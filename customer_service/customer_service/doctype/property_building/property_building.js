// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Property Building", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Generate Units"), () => {
			frappe.confirm(
				__("Generate every unit of this building from its pattern? Units that exist are kept."),
				() =>
					frm.call({ doc: frm.doc, method: "generate_units", freeze: true }).then((r) => {
						const result = r.message || {};
						if (result.queued) {
							frappe.show_alert({
								message: __("Generating {0} units in the background", [result.total]),
								indicator: "blue",
							});
						} else {
							frappe.msgprint(
								__("{0} units created, {1} already existed", [result.created, result.skipped])
							);
							frm.reload_doc();
						}
					})
			);
		});
	},
});
