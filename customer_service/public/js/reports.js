// What the app's query reports share: the period and place filters, and the bold total row.
frappe.provide("customer_service");

customer_service.report = ({ days = 90, before = [], after = [], place = ["company", "project"] } = {}) => {
	const links = { company: "Service Organization", project: "Property Project", contractor: "Contractor",
		problem_category: "Problem Category", inspection_round: "Inspection Round", responsible_department: "Service Organization" };
	const labels = { company: "Company", project: "Project", contractor: "Contractor", problem_category: "Problem Category",
		inspection_round: "Inspection Round", responsible_department: "Responsible Department" };
	const period = days
		? [
			{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_days(frappe.datetime.get_today(), -days) },
			{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		]
		: [];
	return {
		filters: [
			...before,
			...period,
			...place.map((field) => ({ fieldname: field, label: __(labels[field]), fieldtype: "Link", options: links[field] })),
			...after,
		],
		// the last row is the report's own total (its rates computed from the totals): in bold
		formatter: (value, row, column, data, default_formatter) =>
			data && data.is_total_row ? `<b>${default_formatter(value, row, column, data)}</b>` : default_formatter(value, row, column, data),
	};
};

customer_service.group_by = (options, fallback) => ({
	fieldname: "group_by", label: __("Group By"), fieldtype: "Select", default: fallback || options[0],
	options: options.map((value) => ({ value, label: __(value) })),
});
