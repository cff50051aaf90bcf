"""The tasks' indexes as `service_task.INDEXES` says, those it retired dropped (migrate makes new
ones, never drops one). First run: the SLA job's indexes led with `is_overdue`, so its range on a
deadline read every closed task of the years (a million rows at group scale); the new ones lead
with the state category. Second run: the workbench's covering index grew the flags, the state and
the department its cards and charts count by."""

import frappe

from customer_service.customer_service.doctype.service_task.service_task import RETIRED_INDEXES, on_doctype_update


def execute():
	existing = {row.Key_name for row in frappe.db.sql("show index from `tabService Task`", as_dict=True)}
	for index in RETIRED_INDEXES:
		if index in existing:
			frappe.db.sql_ddl(f"alter table `tabService Task` drop index `{index}`")
	on_doctype_update()
