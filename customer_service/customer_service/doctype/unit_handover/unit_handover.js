// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Unit Handover", {
	setup(frm) {
		frm.set_query("inspection_round", () => ({ filters: { round_type: "Handover" } }));
		frm.set_query("unit", () => ({ filters: { status: ["not in", ["Delivered", "Occupied"]] } }));
		frm.set_query("problem_category", "findings", () => ({ filters: { is_group: 0 } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.inspection_round) {
			frm.add_custom_button(__("Free Slots"), () => show_free_slots(frm));
		}
	},
	unit(frm) {
		if (!frm.doc.unit) return;
		frappe.db.get_value("Property Unit", frm.doc.unit, "primary_homeowner").then(({ message }) => {
			if (message && message.primary_homeowner) frm.set_value("homeowner", message.primary_homeowner);
		});
	},
});

function show_free_slots(frm) {
	frappe.prompt(
		{ fieldname: "day", fieldtype: "Date", label: __("Date"), reqd: 1, default: frappe.datetime.get_today() },
		({ day }) =>
			frappe
				.call("customer_service.api.handover.get_available_slots", { inspection_round: frm.doc.inspection_round, day })
				.then(({ message }) => {
					const rows = (message || [])
						.map((s) => `<tr><td>${s.time}</td><td>${s.booked} / ${s.capacity}</td><td>${s.free}</td></tr>`)
						.join("");
					frappe.msgprint({
						title: __("Free Slots on {0}", [frappe.datetime.str_to_user(day)]),
						message: `<table class="table table-bordered"><thead><tr><th>${__("Time")}</th><th>${__("Booked")}</th><th>${__("Free")}</th></tr></thead><tbody>${rows}</tbody></table>`,
					});
				}),
		__("Free Slots")
	);
}
