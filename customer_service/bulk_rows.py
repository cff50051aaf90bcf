"""Many rows of one DocType in a few statements, for the unit generator and the inspection upload.

`frappe.db.bulk_insert` renders every value through pypika, which at a thousand rows costs more
than the write itself (docs/benchmarks.md, unit generation). Here each chunk is one INSERT with a
placeholder per value, bound by the database driver, that skips a row repeating a unique key
(as `bulk_insert(..., ignore_duplicates=True)` does) but, unlike INSERT IGNORE, refuses a value the
column cannot hold; the columns are checked against the DocType's. MariaDB, as the app's locks.
"""

from __future__ import annotations

from collections.abc import Sequence

import frappe

CHUNK_SIZE = 1000


def insert_rows(doctype: str, fields: Sequence[str], rows: Sequence[Sequence], chunk_size: int = CHUNK_SIZE) -> None:
	"""Insert `rows` (one value per field, in order); a row that repeats a unique key (its name or
	another unique index) is skipped."""
	if not rows:
		return
	unknown = set(fields) - set(frappe.get_meta(doctype).get_valid_columns())
	if unknown:
		raise ValueError(f"{doctype} has no columns {sorted(unknown)}")
	columns = ", ".join(f"`{field}`" for field in fields)
	placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
	for start in range(0, len(rows), chunk_size):
		chunk = rows[start : start + chunk_size]
		# a duplicate name is skipped; any other bad value is an error (INSERT IGNORE would truncate it)
		# nosemgrep: frappe-sql-built-from-strings — identifiers checked against the DocType's columns, every value a placeholder
		frappe.db.sql(
			f"insert into `tab{doctype}` ({columns}) values {', '.join([placeholders] * len(chunk))}"
			" on duplicate key update `name` = `name`",
			[value for row in chunk for value in row],
		)


def acted_on_by_admins(doctype: str) -> bool:
	"""Whether anyone acts on this DocType's saves beyond the app: an admin's enabled Server Script
	on its document events, Notification, Webhook, Assignment Rule, Energy Point Rule, active
	Workflow or Milestone Tracker, a Custom Field, or another app's doc_events naming it (alone or
	in a tuple; the `"*"` events every app may have are generic and not counted). Then its rows go
	in with one insert() each, so that these run."""
	admins = (
		("Server Script", {"reference_doctype": doctype, "script_type": "DocType Event", "disabled": 0}),
		("Notification", {"document_type": doctype, "enabled": 1}),
		("Webhook", {"webhook_doctype": doctype, "enabled": 1}),
		("Assignment Rule", {"document_type": doctype, "disabled": 0}),
		("Energy Point Rule", {"reference_doctype": doctype, "enabled": 1}),
		("Workflow", {"document_type": doctype, "is_active": 1}),
		("Milestone Tracker", {"document_type": doctype, "disabled": 0}),
		("Custom Field", {"dt": doctype}),
	)
	if any(frappe.db.exists(record, filters) for record, filters in admins):
		return True
	for app in frappe.get_installed_apps():
		if app == "customer_service":
			continue
		for key in frappe.get_hooks("doc_events", app_name=app) or {}:
			if key == doctype or (isinstance(key, tuple) and doctype in key):
				return True
	return False
