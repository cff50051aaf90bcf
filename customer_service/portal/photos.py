"""Photos in the portal: what a homeowner or contractor uploads, and what they are shown.

Uploads go through Frappe's `upload_file` (private); the portal takes only the user's own,
unattached files that are real images within the size limit. What a page shows of a record's
files is chosen here (`visible_photos`) and served by `send_photo` after the same check: portal
users have no right of their own on the app's records, so Frappe would not serve them.
"""

from __future__ import annotations

import json
import mimetypes
from io import BytesIO
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import cint

from customer_service.portal.access import NotYoursError, check_record

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}  # what Pillow reads them as (MPO: some phones' JPEG)


def photo_list(photos) -> list[str]:
	"""The `photos` argument as a list of URLs: a JSON list, a list, or one URL."""
	if not photos:
		return []
	if isinstance(photos, str):
		try:
			photos = json.loads(photos)
		except ValueError:
			photos = [photos]
	if isinstance(photos, str):
		photos = [photos]
	if not isinstance(photos, list | tuple):
		frappe.throw(_("Photos must be a list of uploaded files"), title=_("Photos Only"))
	return [p for p in photos if isinstance(p, str) and p]


def check_photos(photos) -> list[str]:
	"""The user's own uploads: private, unattached images within the size limit (File names)."""
	urls = photo_list(photos)
	if len(urls) > MAX_PHOTOS:
		frappe.throw(_("At most {0} photos").format(MAX_PHOTOS), title=_("Too Many Photos"))
	files = []
	for url in urls:
		name = frappe.db.get_value(
			"File", {"file_url": url, "owner": frappe.session.user, "attached_to_name": ("is", "not set")}, "name"
		)
		if not name:
			frappe.throw(_("Upload the photo {0} first").format(url), title=_("Photo Not Found"), exc=NotYoursError)
		file = frappe.get_doc("File", name)
		if cint(file.file_size) > MAX_PHOTO_BYTES:
			frappe.throw(
				_("{0} is larger than {1} MB").format(file.file_name, MAX_PHOTO_BYTES // (1024 * 1024)), title=_("Photo Too Large")
			)
		if not is_image(file):
			frappe.throw(_("{0} is not a photo").format(file.file_name), title=_("Photos Only"))
		if not file.is_private:  # a public file's bytes are shared with the site's own images
			frappe.throw(_("Upload the photo {0} first").format(url), title=_("Photo Not Found"), exc=NotYoursError)
		files.append(file.name)
	return files


def is_image(file) -> bool:
	"""Named like a photo, stored like one, and decodable as one."""
	from PIL import Image, UnidentifiedImageError

	if not (
		(file.file_name or "").lower().endswith(PHOTO_EXTENSIONS) and (file.file_url or "").lower().endswith(PHOTO_EXTENSIONS)
	):
		return False
	try:
		with Image.open(BytesIO(file.get_content())) as image:
			image.verify()
			return image.format in PHOTO_FORMATS
	except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
		return False


def attach(files: list[str], doctype: str, name: str, fieldname: str | None = None) -> None:
	"""The uploads become private attachments of the record."""
	for index, file_name in enumerate(files):
		file = frappe.get_doc("File", file_name)
		file.update(
			{"attached_to_doctype": doctype, "attached_to_name": name, "is_private": 1,
			 "attached_to_field": fieldname if index == 0 else None}
		)  # fmt: skip
		file.flags.ignore_permissions = True
		file.save()


# -- what a page shows --------------------------------------------------------------------------


def visible_photos(doctype: str, name: str) -> list[str]:
	"""The files (names) of a record that the portal shows its homeowner or contractor: of a defect,
	the inspection's photo and the contractor's rectification photos; of a task, the homeowner's
	photos of the problem (on its reception) and the contractor's; of a reception, the homeowner's.
	Never what staff attached for themselves."""
	check_record(doctype, name)
	file = frappe.qb.DocType("File")
	query = frappe.qb.from_(file).select(file.name).where(file.is_folder == 0).orderby(file.creation)
	if doctype == "Inspection Defect":
		photo, contractor = frappe.db.get_value(doctype, name, ["photo", "contractor"])
		query = query.where(
			(file.attached_to_doctype == doctype) & (file.attached_to_name == name)
			& ((file.file_url == (photo or "")) | (file.owner == (contractor_login(contractor) or "")))
		)  # fmt: skip
	elif doctype == "Service Task":
		reception, contractor = frappe.db.get_value(doctype, name, ["reception", "contractor"])
		homeowner = frappe.db.get_value("Service Reception", reception, "homeowner_user") or ""
		query = query.where(
			((file.attached_to_doctype == "Service Reception") & (file.attached_to_name == reception) & (file.owner == homeowner))
			| ((file.attached_to_doctype == doctype) & (file.attached_to_name == name)
			   & (file.owner == (contractor_login(contractor) or "")))
		)  # fmt: skip
	elif doctype == "Service Reception":
		homeowner = frappe.db.get_value(doctype, name, "homeowner_user") or ""
		query = query.where((file.attached_to_doctype == doctype) & (file.attached_to_name == name) & (file.owner == homeowner))
	else:
		return []
	return [row[0] for row in query.run()]


def contractor_login(contractor: str | None) -> str | None:
	return frappe.db.get_value("Contractor", contractor, "user") if contractor else None


def photo_urls(doctype: str, name: str) -> list[str]:
	"""Where the page loads the visible photos of a record from (send_photo)."""
	return [
		"/api/method/customer_service.api.portal.photo?" + urlencode({"doctype": doctype, "name": name, "file": file})
		for file in visible_photos(doctype, name)
	]


SHOWN_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


def send_photo(doctype: str, name: str, file: str) -> None:
	"""The response of a photo the portal shows on a record of the user's (inline, as an image)."""
	if file not in visible_photos(doctype, name):
		frappe.throw(_("Photo {0} is not one of this record's").format(file), title=_("Not Yours"), exc=NotYoursError)
	doc = frappe.get_doc("File", file)
	content_type = mimetypes.guess_type(doc.file_name)[0]
	if content_type not in SHOWN_TYPES:  # never a page or a script (an .html or .svg set as a photo)
		frappe.throw(_("{0} is not a photo").format(doc.file_name), title=_("Photos Only"), exc=NotYoursError)
	frappe.local.response.update(
		{
			"type": "download",
			"filename": doc.file_name,
			"filecontent": doc.get_content(),
			"display_content_as": "inline",
			"content_type": content_type,
		}
	)
