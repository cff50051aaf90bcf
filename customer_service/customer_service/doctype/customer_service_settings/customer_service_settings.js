// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Customer Service Settings", {
	fill_public_holidays(frm) {
		frappe.prompt(
			{
				fieldname: "year",
				fieldtype: "Int",
				label: __("Year"),
				reqd: 1,
				default: new Date().getFullYear() + (new Date().getMonth() >= 10 ? 1 : 0),
			},
			({ year }) =>
				frm
					.call({ doc: frm.doc, method: "fill_public_holidays", args: { year }, freeze: true })
					.then((r) => {
						frappe.show_alert({
							message: __("{0} days of {1} added to the calendar", [r.message.added, r.message.year]),
							indicator: "green",
						});
						frm.reload_doc();
					}),
			__("Fill Public Holidays"),
			__("Fill")
		);
	},
});
