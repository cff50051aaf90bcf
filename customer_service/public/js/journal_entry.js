// A journal entry the app made books a compensation or a chargeback: cancelling the entry with
// "cancel all linked documents" must not cancel them too (the compensation goes back to Approved).
frappe.ui.form.on("Journal Entry", {
	onload(frm) {
		frm.ignore_doctypes_on_cancel_all = [...(frm.ignore_doctypes_on_cancel_all || []), "Compensation", "Service Penalty"];
	},
});
