"""Many rows of one DocType in a few statements, for the unit generator and the inspection upload.

`frappe.db.bulk_insert` renders every value through pypika, which at a thousand rows costs more
than the write itself (docs/benchmarks.md, unit generation). Here each chunk is one INSERT IGNORE
with a placeholder per value, bound by the database driver, as `bulk_insert(...,
ignore_duplicates=True)` writes it on MariaDB; the columns are checked against the DocType's.
"""

from __future__ import annotations

from collections.abc import Sequence

import frappe

CHUNK_SIZE = 1000


def insert_rows(doctype: str, fields: Sequence[str], rows: Sequence[Sequence], chunk_size: int = CHUNK_SIZE) -> None:
	"""Insert `rows` (one value per field, in order); a row whose name exists is skipped."""
	if not rows:
		return
	unknown = set(fields) - set(frappe.get_meta(doctype).get_valid_columns())
	if unknown:
		raise ValueError(f"{doctype} has no columns {sorted(unknown)}")
	columns = ", ".join(f"`{field}`" for field in fields)
	placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
	for start in range(0, len(rows), chunk_size):
		chunk = rows[start : start + chunk_size]
		# nosemgrep: frappe-sql-built-from-strings — identifiers checked against the DocType's columns, every value a placeholder
		frappe.db.sql(
			f"insert ignore into `tab{doctype}` ({columns}) values {', '.join([placeholders] * len(chunk))}",
			[value for row in chunk for value in row],
		)
