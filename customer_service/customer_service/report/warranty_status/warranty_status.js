// Copyright (c) 2026, customer_service contributors
// License: MIT. See license.txt

frappe.query_reports["Warranty Status"] = {
	filters: [
		{ fieldname: "building", label: __("Building"), fieldtype: "Link", options: "Property Building" },
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "Property Unit" },
		{ fieldname: "part", label: __("Part"), fieldtype: "Link", options: "Problem Category",
			get_query: () => ({ filters: { is_group: 1 } }) },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_remaining" && data && data.days_remaining !== null) {
			const color = data.days_remaining < 0 ? "red" : data.days_remaining <= 30 ? "orange" : "green";
			value = `<span style="color: var(--${color}-600)">${value}</span>`;
		}
		return value;
	},
};
