// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Property Unit", {
	setup(frm) {
		frm.set_query("building", () => ({ filters: frm.doc.project ? { project: frm.doc.project } : {} }));
	},
	project(frm) {
		frm.set_value("building", null);
	},
	refresh(frm) {
		if (frm.is_new()) return;
		// a buyer already registered by another company: their record gets this unit, proven by their ID
		frm.add_custom_button(__("Add Unit to Existing Homeowner"), () =>
			frappe.prompt(
				[
					{ fieldname: "id_type", fieldtype: "Select", label: __("ID Type"), reqd: 1,
					  options: ["Mainland ID Card", "Hong Kong/Macau Permit", "Taiwan Permit", "Passport", "Foreign Permanent Resident ID", "Unified Social Credit Code"] },
					{ fieldname: "id_number", fieldtype: "Data", label: __("ID Number"), reqd: 1 },
				],
				(values) =>
					frappe
						.call("customer_service.api.homeowner.add_unit_to_existing_homeowner", { ...values, unit: frm.doc.name })
						.then((r) => frappe.set_route("Form", "Homeowner", r.message)),
				__("Add Unit to Existing Homeowner")
			)
		);
	},
});
