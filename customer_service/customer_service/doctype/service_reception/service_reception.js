// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Service Reception", {
	setup(frm) {
		frm.set_query("unit", () => ({ filters: frm.doc.project ? { project: frm.doc.project } : {} }));
		frm.set_query("accepting_company", () => ({ filters: { org_type: "Company" } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status !== "Closed") {
			frm.add_custom_button(__("Create Tasks"), () => decompose(frm));
		}
		if (frm.doc.status === "To Confirm") {
			frm.add_custom_button(__("Confirm and Close"), () =>
				frm.call({ doc: frm.doc, method: "confirm" }).then(() => frm.reload_doc())
			);
		}
	},
});

function decompose(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Create Tasks"),
		size: "large",
		fields: [
			{
				fieldname: "tasks",
				fieldtype: "Table",
				label: __("Tasks"),
				in_place_edit: true,
				reqd: 1,
				data: [{ task_type: "Repair", priority: "Normal", description: frm.doc.content }],
				fields: [
					{ fieldname: "task_type", fieldtype: "Select", label: __("Task Type"), in_list_view: 1, reqd: 1,
						options: ["Complaint", "Repair", "Warranty Repair", "Consultation", "Suggestion", "Equipment"] },
					{ fieldname: "problem_category", fieldtype: "Link", options: "Problem Category",
						label: __("Problem Category", null, "Service Task"), in_list_view: 1, get_query: () => ({ filters: { is_group: 0 } }) },
					{ fieldname: "priority", fieldtype: "Select", label: __("Priority"), in_list_view: 1,
						options: ["Emergency", "High", "Normal"], default: "Normal" },
					{ fieldname: "description", fieldtype: "Small Text", label: __("Description"), in_list_view: 1, reqd: 1 },
				],
			},
		],
		primary_action_label: __("Create"),
		primary_action({ tasks }) {
			frappe
				.call("customer_service.api.service_desk.create_tasks", {
					reception: frm.doc.name,
					tasks: (tasks || []).map(({ task_type, problem_category, priority, description }) => ({
						task_type, problem_category, priority, description,
					})),
				})
				.then((r) => {
					dialog.hide();
					frappe.show_alert({ message: __("{0} tasks created", [r.message.length]), indicator: "green" });
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
