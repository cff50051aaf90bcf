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
import re

import frappe
from frappe import _
from frappe import handler

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
	return handler.upload_file()


def uploaded_identical_bytes(file) -> bool:
	"""Whether the new File holds bytes the user sent with this very upload. Frappe stores an upload
	whose content another file already has under that file's URL; that gives the uploader nothing
	they did not have. Not so for an upload that names a URL or a library file (Frappe then reads
	the bytes from that URL) or carries no bytes at all."""
	content = getattr(frappe.local, "uploaded_file", None)
	if not content or frappe.local.form_dict.get("file_url") or frappe.local.form_dict.get("library_file_name"):
		return False
	from frappe.core.doctype.file.utils import get_content_hash

	# what Frappe made of the uploaded bytes (a JPEG loses its EXIF data): the File's content
	derived = getattr(file, "_content", None)
	if not derived or file.content_hash != get_content_hash(derived):
		return False
	hashes = set(frappe.get_all("File", filters={"file_url": file.file_url, "name": ("!=", file.name or "")}, pluck="content_hash"))
	return hashes <= {file.content_hash}


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
	"""has_permission of File: a file of an app record follows the record. Portal users (who have
	no rights on the app's records) read the files they uploaded to their own records and change
	none; the portal shows them the others it chose (portal/photos.py)."""
	from customer_service.permissions import can_access, get_scope

	if doc.attached_to_doctype not in PRIVATE_ATTACHMENTS or not doc.attached_to_name:
		return None
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if not frappe.db.exists(doc.attached_to_doctype, doc.attached_to_name):
		return None
	if get_scope(user).kind == "portal":
		return bool(
			ptype in (None, "read", "select")
			and doc.owner == user
			and can_access(doc.attached_to_doctype, doc.attached_to_name, user)
		)
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
	if file.is_new() and uploaded_identical_bytes(file):
		return
	if not may_use_url(file.file_url, except_file=file.name):
		frappe.throw(_("You cannot use the file {0}").format(file.file_url), title=_("Not Permitted"), exc=FileNotYoursError)


# what an Attach field may hold: a file of this site, or a web address — nothing a page could be
# tricked with when it puts the value into <img src="..."> or <a href="...">
ATTACH_VALUE = re.compile(r"^(/files/|/private/files/|https?://)[^\s\"'<>`\\]*$")


def check_attach_values(doc) -> None:
	"""validate of the app's records (for every user): Attach fields hold file addresses only."""
	for df in doc.meta.get("fields", {"fieldtype": ["in", ["Attach", "Attach Image"]]}):
		value = doc.get(df.fieldname)
		if value and not ATTACH_VALUE.match(value):
			frappe.throw(
				_("{0} is not the address of a file").format(frappe.bold(_(df.label))), title=_("Not a File"), exc=frappe.ValidationError
			)


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
