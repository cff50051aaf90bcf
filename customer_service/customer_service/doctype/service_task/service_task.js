// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.ui.form.on("Service Task", {
	setup(frm) {
		frm.set_query("problem_category", () => ({ filters: { is_group: 0 } }));
		frm.set_query("responsible_department", () => ({ filters: { org_type: "Department" } }));
	},
	refresh(frm) {
		// only a task whose clock runs (or is stopped in a paused state) has an SLA headline
		if (frm.is_new() || !frm.doc.resolution_by || !["Open", "Paused"].includes(frm.doc.status_category)) return;
		frappe.call("customer_service.api.service_desk.get_task_sla", { task: frm.doc.name }).then((r) => {
			const sla = r.message || {};
			if (sla.paused) {
				frm.dashboard.set_headline_alert(__("The resolution clock is stopped while the task waits"), "orange");
				return;
			}
			if (sla.hours_to_breach === null || sla.hours_to_breach === undefined) return;
			const overdue = sla.hours_to_breach < 0;
			frm.dashboard.set_headline_alert(
				overdue
					? __("Overdue by {0} working hours", [Math.abs(sla.hours_to_breach).toFixed(1)])
					: __("{0} working hours left before the resolution deadline", [sla.hours_to_breach.toFixed(1)]),
				overdue ? "red" : "blue"
			);
		});
	},
});
