"""Attachments of the app's records are private files: whoever cannot read the record cannot
download them (Frappe lets a private file be read through the record it is attached to).

Whatever the upload path — the desk's uploader, `upload_file` over REST, a file URL written into
an Attach field and attached by Frappe after the save — a public file that ends up attached to
one of these records is moved to the private folder.
"""

from __future__ import annotations

import frappe

PRIVATE_ATTACHMENTS = frozenset(
	{
		"Service Reception",
		"Service Task",
		"Inspection Defect",
		"Unit Handover",
		"Compensation",
		"Revisit",
		"Homeowner",
		"Inspection Round",
	}
)


def make_private(file, method=None) -> None:
	"""after_insert and on_update of File."""
	if file.attached_to_doctype not in PRIVATE_ATTACHMENTS or file.is_private or file.is_folder:
		return
	if not (file.file_url or "").startswith("/files/"):
		return  # a link to somewhere else is not a stored file
	file.is_private = 1
	file.flags.ignore_permissions = True
	file.save()


def make_attachments_private(doc, method=None) -> None:
	"""on_update of the app's records: files Frappe attached after the save (from Attach fields)."""
	for name in frappe.get_all(
		"File",
		filters={"attached_to_doctype": doc.doctype, "attached_to_name": doc.name, "is_private": 0, "is_folder": 0},
		pluck="name",
	):
		make_private(frappe.get_doc("File", name))
