"""Attachments of the app's records are private files: whoever cannot read the record cannot
download them (Frappe lets a private file be read through the record it is attached to).

Uploads to these records are stored private whatever the request asks (`upload_file`), and a
public file that still ends up attached to one — a library file picked in the uploader, a File
created over REST, a file URL written into an Attach field — is copied into the private folder;
the public copy is removed unless another file record still uses it.
"""

from __future__ import annotations

import os

import frappe
from frappe.handler import upload_file as frappe_upload_file

from customer_service.hooks import _private_attachments

PRIVATE_ATTACHMENTS = frozenset(_private_attachments)


@frappe.whitelist(allow_guest=True)
def upload_file():
	"""override_whitelisted_methods["upload_file"]: Frappe's upload, private for the app's records."""
	if frappe.form_dict.doctype in PRIVATE_ATTACHMENTS:
		frappe.form_dict.is_private = 1
	return frappe_upload_file()


def make_private(file, method=None) -> None:
	"""after_insert and on_update of File."""
	if file.attached_to_doctype not in PRIVATE_ATTACHMENTS or file.is_private or file.is_folder:
		return
	if not (file.file_url or "").startswith("/files/"):
		return  # a link to somewhere else is not a stored file
	public_path = frappe.get_site_path("public", file.file_url.lstrip("/"))
	if not os.path.exists(public_path):
		return
	name = file.file_url.rsplit("/", 1)[-1]
	private_dir = frappe.get_site_path("private", "files")
	os.makedirs(private_dir, exist_ok=True)
	if os.path.exists(os.path.join(private_dir, name)):
		stem, ext = os.path.splitext(name)
		name = f"{stem}-{frappe.generate_hash(length=8)}{ext}"
	with open(public_path, "rb") as source, open(os.path.join(private_dir, name), "wb") as target:
		target.write(source.read())
	old_url, new_url = file.file_url, f"/private/files/{name}"
	file.db_set({"file_url": new_url, "is_private": 1}, update_modified=False)
	if file.attached_to_field and frappe.db.get_value(
		file.attached_to_doctype, file.attached_to_name, file.attached_to_field
	) == old_url:
		frappe.db.set_value(
			file.attached_to_doctype, file.attached_to_name, file.attached_to_field, new_url, update_modified=False
		)
	if not frappe.db.exists("File", {"file_url": old_url, "name": ("!=", file.name)}):
		os.remove(public_path)


def make_attachments_private(doc, method=None) -> None:
	"""on_update of the app's records: files Frappe attached after the save (from Attach fields)."""
	for name in frappe.get_all(
		"File",
		filters={"attached_to_doctype": doc.doctype, "attached_to_name": doc.name, "is_private": 0, "is_folder": 0},
		pluck="name",
	):
		make_private(frappe.get_doc("File", name))
