frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Grouped Count"] = {
	method: "customer_service.customer_service.dashboard_chart_source.grouped_count.grouped_count.get",
	filters: [
		{ fieldname: "document_type", label: __("Document Type"), fieldtype: "Link", options: "DocType", reqd: 1 },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Data", reqd: 1 },
	],
};
