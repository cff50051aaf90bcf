// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Inspection Round", {
	setup(frm) {
		frm.set_query("buildings", () => ({ filters: { project: frm.doc.project } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Walk the Building"), () => walk(frm));
		frm.add_custom_button(__("Refresh Summary"), () =>
			frm.call({ doc: frm.doc, method: "refresh_summary" }).then(() => frm.reload_doc())
		);
	},
});

// Unit by unit: record the defects of one unit, save, go on to the next.
function walk(frm) {
	frappe.call("customer_service.api.inspection.get_round_units", { inspection_round: frm.doc.name }).then((r) => {
		const units = r.message || [];
		if (!units.length) {
			frappe.msgprint(__("The round's buildings have no units yet"));
			return;
		}
		let index = Math.max(0, units.findIndex((u) => !u.defects));
		const dialog = new frappe.ui.Dialog({
			title: __("Walk the Building"),
			size: "extra-large",
			fields: [
				{ fieldname: "unit", fieldtype: "Link", options: "Property Unit", label: __("Unit"), read_only: 1 },
				{ fieldname: "position", fieldtype: "HTML" },
				{
					fieldname: "defects",
					fieldtype: "Table",
					label: __("Defects of this Unit"),
					in_place_edit: true,
					fields: [
						{ fieldname: "problem_category", fieldtype: "Link", options: "Problem Category",
							label: __("Problem Category", null, "Inspection Defect"), in_list_view: 1, reqd: 1,
							get_query: () => ({ filters: { is_group: 0 } }) },
						{ fieldname: "location", fieldtype: "Data", label: __("Location"), in_list_view: 1 },
						{ fieldname: "description", fieldtype: "Data", label: __("Description"), in_list_view: 1, reqd: 1 },
					],
				},
			],
			primary_action_label: __("Save and Next Unit"),
			primary_action(values) {
				const rows = (values.defects || []).filter((d) => d.problem_category && d.description);
				const next = () => {
					index = Math.min(index + 1, units.length - 1);
					show();
				};
				if (!rows.length) {
					// a clean unit is inspected too: it counts for the round's progress
					frappe
						.call("customer_service.api.inspection.mark_units_inspected", {
							inspection_round: frm.doc.name,
							units: [units[index].unit],
						})
						.then(next);
					return;
				}
				frappe
					.call("customer_service.api.inspection.record_defects", {
						inspection_round: frm.doc.name,
						defects: rows.map((d) => ({
							client_id: `${frm.doc.name}-${units[index].unit}-${d.name || Math.random().toString(36).slice(2)}`,
							unit: units[index].unit,
							problem_category: d.problem_category,
							location: d.location,
							description: d.description,
						})),
					})
					.then((res) => {
						const errors = (res.message || []).filter((x) => x.status === "error");
						if (errors.length) {
							frappe.msgprint(errors.map((e) => e.message).join("<br>"), __("Some defects were not saved"));
							return;
						}
						units[index].defects += rows.length;
						frappe.show_alert({ message: __("{0} defects saved", [rows.length]), indicator: "green" });
						next();
					});
			},
			secondary_action_label: __("Previous Unit"),
			secondary_action() {
				index = Math.max(index - 1, 0);
				show();
			},
		});
		const show = () => {
			dialog.set_value("unit", units[index].unit);
			dialog.fields_dict.position.$wrapper.html(
				`<p class="text-muted">${__("Unit {0} of {1}; {2} defects recorded", [index + 1, units.length, units[index].defects])}</p>`
			);
			dialog.fields_dict.defects.df.data = [];
			dialog.fields_dict.defects.grid.refresh();
		};
		dialog.show();
		show();
		dialog.onhide = () => frm.reload_doc();
	});
}
