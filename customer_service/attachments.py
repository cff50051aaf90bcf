"""Attachments of the app's records are private files: whoever cannot read the record cannot
list or download them (Frappe lets a private file be read through the record it is attached to).

- Uploads to these records are stored private whatever the request asks (`upload_file`), and a
  public file that still ends up attached to one — a library file picked in the uploader, a File
  created over REST, a file URL written into an Attach field — is copied into the private folder
  (the public copy goes once the transaction commits, unless another file record still uses it).
- File lists show a file attached to one of these records only to those who may read the record.
- Nobody gets another record's private file by pointing at its URL: not with a new File record,
  not through an Attach field of a record they may write.
"""

from __future__ import annotations

import os

import frappe
from frappe import _
from frappe.handler import upload_file as frappe_upload_file

from customer_service.hooks import _private_attachments

PRIVATE_ATTACHMENTS = frozenset(_private_attachments)
PRIVATE_PREFIX = "/private/files/"


class FileNotYoursError(frappe.PermissionError):
	pass


@frappe.whitelist(allow_guest=True)
def upload_file():
	"""override_whitelisted_methods["upload_file"]: Frappe's upload, private for the app's records."""
	if frappe.form_dict.doctype in PRIVATE_ATTACHMENTS:
		frappe.form_dict.is_private = 1
	# the bytes come with the request: Frappe may store them as the URL of an identical file
	# someone else uploaded, which gives the uploader nothing they did not have
	frappe.flags.upload_brings_content = bool(frappe.request and frappe.request.files.get("file"))
	return frappe_upload_file()


# -- who sees a file ------------------------------------------------------------------


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of File: a file attached to an app record is listed only to
	those who may read the record."""
	from customer_service.permissions import get_scope, predicate

	scope = get_scope(user)
	if scope.kind == "all":
		return ""
	ours = sorted(PRIVATE_ATTACHMENTS)
	clauses = [
		"ifnull(`tabFile`.`attached_to_doctype`, '') not in ({})".format(", ".join(frappe.db.escape(d) for d in ours))
	]
	for doctype_ in ours:
		condition = predicate(doctype_, scope, "read")
		if condition == "1=0":
			continue
		kind = f"`tabFile`.`attached_to_doctype` = {frappe.db.escape(doctype_)}"
		if condition == "":
			clauses.append(f"({kind})")
		else:
			clauses.append(f"({kind} and `tabFile`.`attached_to_name` in (select `name` from `tab{doctype_}` where {condition}))")
	return "(" + " or ".join(clauses) + ")"


def file_has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission of File: a file of an app record follows the record."""
	if doc.attached_to_doctype not in PRIVATE_ATTACHMENTS or not doc.attached_to_name:
		return None
	if (user or frappe.session.user) == "Administrator":
		return None
	if not frappe.db.exists(doc.attached_to_doctype, doc.attached_to_name):
		return None
	return None if frappe.has_permission(doc.attached_to_doctype, "read", doc.attached_to_name, user=user) else False


def may_use_url(url: str, except_file: str | None = None) -> bool:
	"""Whether the user may use a stored private file: one of its File records is downloadable."""
	files = frappe.get_all("File", filters={"file_url": url, "name": ("!=", except_file or "")}, pluck="name")
	return not files or any(frappe.get_doc("File", name).is_downloadable() for name in files)


def check_file_url(file, method=None) -> None:
	"""validate of File: a new File (or a changed URL) may not point at someone else's private file."""
	if file.is_folder or not (file.file_url or "").startswith(PRIVATE_PREFIX):
		return
	if not (file.is_new() or file.has_value_changed("file_url")):
		return
	if file.flags.ignore_permissions and frappe.session.user == "Administrator":
		return
	if file.is_new() and frappe.flags.upload_brings_content:
		return
	if not may_use_url(file.file_url, except_file=file.name):
		frappe.throw(_("You cannot use the file {0}").format(file.file_url), title=_("Not Permitted"), exc=FileNotYoursError)


def check_attach_fields(doc) -> None:
	"""An Attach field of an app record may only be set to a private file the user may download."""
	before = None if doc.is_new() else doc.get_doc_before_save()
	for df in doc.meta.get("fields", {"fieldtype": ["in", ["Attach", "Attach Image"]]}):
		url = doc.get(df.fieldname) or ""
		if not url.startswith(PRIVATE_PREFIX) or (before and before.get(df.fieldname) == url):
			continue
		if not may_use_url(url):
			frappe.throw(
				_("You cannot attach the file {0} to {1}").format(url, _(doc.doctype)),
				title=_("Not Permitted"),
				exc=FileNotYoursError,
			)


# -- making attachments private -----------------------------------------------------------


def make_private(file, method=None) -> None:
	"""after_insert and on_update of File."""
	if file.attached_to_doctype not in PRIVATE_ATTACHMENTS or file.is_private or file.is_folder:
		return
	if not (file.file_url or "").startswith("/files/"):
		return  # a link to somewhere else is not a stored file
	public_path = frappe.get_site_path("public", file.file_url.lstrip("/"))
	if not os.path.exists(public_path):
		return
	with open(public_path, "rb") as source:
		content = source.read()
	name = write_private(file.file_url.rsplit("/", 1)[-1], content)
	old_url, new_url = file.file_url, f"{PRIVATE_PREFIX}{name}"
	file.db_set({"file_url": new_url, "is_private": 1}, update_modified=False)
	if file.attached_to_field and frappe.db.get_value(
		file.attached_to_doctype, file.attached_to_name, file.attached_to_field
	) == old_url:
		frappe.db.set_value(
			file.attached_to_doctype, file.attached_to_name, file.attached_to_field, new_url, update_modified=False
		)
	if not frappe.db.exists("File", {"file_url": old_url, "name": ("!=", file.name)}):
		frappe.db.after_commit.add(lambda: os.path.exists(public_path) and os.remove(public_path))


def write_private(name: str, content: bytes) -> str:
	"""Write a new file into the private folder under `name` (or a free variant of it)."""
	folder = frappe.get_site_path("private", "files")
	os.makedirs(folder, exist_ok=True)
	stem, ext = os.path.splitext(name)
	candidate = name
	for _attempt in range(20):
		try:
			with open(os.path.join(folder, candidate), "xb") as target:  # never overwrites
				target.write(content)
			return candidate
		except FileExistsError:
			candidate = f"{stem}-{frappe.generate_hash(length=8)}{ext}"
	raise FileExistsError(name)


def make_attachments_private(doc, method=None) -> None:
	"""on_update of the app's records: files Frappe attached after the save (from Attach fields)."""
	for name in frappe.get_all(
		"File",
		filters={"attached_to_doctype": doc.doctype, "attached_to_name": doc.name, "is_private": 0, "is_folder": 0},
		pluck="name",
	):
		make_private(frappe.get_doc("File", name))
