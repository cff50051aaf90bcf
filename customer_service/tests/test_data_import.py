"""Units, homeowners and contractors through Frappe's own Data Import, from the templates of
docs/import/: every row gets the checks of the form, a bad row is reported with its number and the
reason, the good rows land.

Frappe's importer commits after every good row and rolls back after every bad one, so these tests
commit what they set up and delete everything they made (cleanups run even when a test fails).
"""

import csv
import io
import json
from datetime import date
from pathlib import Path

import frappe
from frappe import _
from frappe.core.doctype.data_import.data_import import start_import
from frappe.permissions import add_permission, update_permission_property
from frappe.tests.utils import FrappeTestCase
from frappe.utils import formatdate, getdate

from customer_service.permissions import OutOfScopeError
from customer_service.tests.factories import (
	allow_organization,
	make_building,
	make_company,
	make_group,
	make_mainland_id,
	make_mobile,
	make_project,
	make_unit,
	make_user,
	unique,
)
from customer_service.unit_numbering import make_unit_name

TEMPLATES = Path(__file__).resolve().parents[2] / "docs" / "import"


def template_header(template: str) -> list[str]:
	"""The header line of docs/import/<template>.csv: the test writes its files under it."""
	with open(TEMPLATES / f"{template}.csv", encoding="utf-8") as f:
		return next(csv.reader(f))


def wrong_check_digit(number: str) -> str:
	return number[:17] + ("0" if number[17] != "0" else "1")


def row_of(template: str, **values) -> list[str]:
	"""A file row under the template's header, by column title; the other columns blank."""
	header = template_header(template)
	unknown = set(values) - set(header)
	assert not unknown, f"not columns of {template}.csv: {unknown}"
	return [values.get(column, "") for column in header]


def unit_row(**values) -> list[str]:
	return row_of("units", **values)


def homeowner_row(name="", id_number="", mobile="", unit="", relationship="Owner", share="100", **values) -> list[str]:
	parent = {"Homeowner Name": name, "ID Number": id_number, "Mobile No": mobile}
	if name:
		parent |= {"Homeowner Type": "Person", "ID Type": "Mainland ID Card"}
	return row_of(
		"homeowners",
		**parent,
		**{"Unit (Units)": unit, "Relationship (Units)": relationship, "Share % (Units)": share},
		**values,
	)


def contractor_row(name="", project="", building="", category="", **values) -> list[str]:
	return row_of(
		"contractors",
		**{"Contractor Name": name, "Project (Scopes)": project, "Building (Scopes)": building},
		**{"Problem Category (Scopes)": category},
		**values,
	)


class TestDataImport(FrappeTestCase):
	def setUp(self):
		self.made: list[tuple[str, str]] = []  # deleted in reverse order
		self.addCleanup(self.delete_made, frappe.local.lang)
		self.company = self.keep(make_company(self.keep(make_group()).name)).name
		self.project = self.keep(make_project(company=self.company)).name
		building = self.keep(make_building(self.project))
		self.building = building.name
		self.other_project = self.keep(make_project(company=self.company)).name
		self.other_building = self.keep(make_building(self.other_project)).name
		self.units = [self.keep(make_unit(building, room_no=room)).name for room in ("101", "102", "201", "202")]
		frappe.db.commit()

	def keep(self, doc):
		self.made.append((doc.doctype, doc.name))
		return doc

	def delete_made(self, lang: str):
		frappe.set_user("Administrator")
		frappe.local.lang = lang  # the importer switched to the importing user's language
		frappe.db.rollback()
		for doctype, name in reversed(self.made):
			if frappe.db.exists(doctype, name):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
			if doctype == "User":  # what Frappe made with the user and leaves behind
				frappe.db.delete("DefaultValue", {"parent": name})
		frappe.db.commit()

	def let_role_use_data_import(self, role: str) -> None:
		"""Data Import as Frappe ships it is a System Manager's; an admin may give it to a role in
		Role Permissions Manager (Custom DocPerm). Give it to `role` for this test unless the site
		already does, and take it back afterwards."""
		if frappe.db.exists("Custom DocPerm", {"parent": "Data Import", "role": role}):
			return
		before = set(frappe.get_all("Custom DocPerm", filters={"parent": "Data Import"}, pluck="name"))
		add_permission("Data Import", role)
		for right in ("read", "write", "create"):
			update_permission_property("Data Import", role, 0, right, 1)
		frappe.clear_cache(doctype="Data Import")
		frappe.db.commit()

		def take_back():
			frappe.set_user("Administrator")
			frappe.db.rollback()
			for name in set(frappe.get_all("Custom DocPerm", filters={"parent": "Data Import"}, pluck="name")) - before:
				frappe.delete_doc("Custom DocPerm", name, force=True, ignore_permissions=True, delete_permanently=True)
			if not before:  # Frappe copied the standard rules to add the role's: back to the standard ones
				frappe.db.delete("Custom DocPerm", {"parent": "Data Import"})
			frappe.clear_cache(doctype="Data Import")
			frappe.db.commit()

		self.addCleanup(take_back)

	def run_import(self, doctype: str, template: str, rows: list[list[str]], extra_columns: tuple[str, ...] = ()) -> frappe._dict:
		"""Import the rows under the template's header (and `extra_columns` after it) as the current
		user, as the desk does (File, Data Import, then the import job, here run at once)."""
		out = io.StringIO()
		csv.writer(out).writerows([template_header(template) + list(extra_columns), *rows])
		file = frappe.get_doc(
			{"doctype": "File", "file_name": f"{unique(template)}.csv", "content": out.getvalue().encode(), "is_private": 1}
		).insert()
		self.keep(file)
		data_import = frappe.get_doc(
			{"doctype": "Data Import", "reference_doctype": doctype, "import_type": "Insert New Records", "import_file": file.file_url}
		).insert()
		self.keep(data_import)
		frappe.db.commit()
		start_import(data_import.name)
		data_import.reload()
		self.assertFalse(data_import.template_warnings and json.loads(data_import.template_warnings), data_import.template_warnings)
		logs = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name},
			fields=["success", "docname", "row_indexes", "messages", "exception"],
			order_by="log_index",
		)
		for log in logs:
			log.row_indexes = json.loads(log.row_indexes)
			if log.docname:
				self.made.append((doctype, log.docname))
		return frappe._dict(data_import=data_import, status=data_import.status, logs=logs)

	def assertRowRefused(self, result, line: int, message: str, exception: str | None = None) -> None:
		"""The import log shows `message` (in the importing user's language) for the record that
		starts on `line` of the file: the Row Number column of the log counts the header as line 1,
		as a spreadsheet does."""
		(log,) = [log for log in result.logs if log.row_indexes[0] == line]
		self.assertFalse(log.success, f"line {line} should have failed")
		shown = [(m if isinstance(m, dict) else json.loads(m)).get("message") for m in json.loads(log.messages or "[]")]
		self.assertIn(message, shown)
		if exception:
			self.assertIn(exception, log.exception)

	def assertLanded(self, result, *lines: int) -> None:
		self.assertEqual(sorted(log.row_indexes[0] for log in result.logs if log.success), sorted(lines))

	def test_units_good_rows_land_and_bad_ones_are_refused_with_their_reason(self):
		existing = self.units[0]
		result = self.run_import(
			"Property Unit",
			"units",
			[
				unit_row(
					**{"Project": self.project, "Building": self.building, "Unit No": "2", "Floor": "3", "Room No": "301"},
					**{"Status": "Delivered", "Gross Area (m²)": "89.5", "Layout": "三室两厅"},
					**{"Contract Date": "2025-01-15", "Delivery Date": "2025-12-28"},
				),
				unit_row(**{"Project": self.project, "Building": self.other_building, "Unit No": "2", "Room No": "302"}),
				unit_row(**{"Project": self.project, "Building": self.building, "Unit No": "1", "Room No": "101"}),
			],
		)
		self.assertEqual(result.status, "Partial Success")
		self.assertLanded(result, 2)
		good = frappe.get_doc("Property Unit", make_unit_name(self.building, "2", "301"))
		self.assertEqual(
			(good.company, good.status, good.floor, good.gross_area, good.layout),
			(self.company, "Delivered", 3, 89.5, "三室两厅"),
		)
		self.assertEqual((getdate(good.contract_date), getdate(good.warranty_start)), (date(2025, 1, 15), date(2025, 12, 28)))
		self.assertTrue(good.next_warranty_expiry, "the warranty follows the delivery date")
		self.assertFalse(frappe.db.exists("Property Unit", {"project": self.project, "room_no": "302"}))
		self.assertFalse(frappe.db.exists("Property Unit", {"building": self.other_building}))
		self.assertEqual(frappe.db.count("Property Unit", {"building": self.building}), len(self.units) + 1)
		self.assertRowRefused(
			result,
			3,
			_("Building {0} belongs to project {1}, not to project {2}").format(self.other_building, self.other_project, self.project),
			"BuildingProjectMismatchError",
		)
		self.assertRowRefused(result, 4, _("Unit {0} already exists").format(existing), "DuplicateUnitError")

	def test_homeowners_with_units_and_co_owners_and_a_clear_error_per_bad_row(self):
		unit_a, unit_b, unit_c, unit_d = self.units
		owner_id = make_mainland_id(date(1985, 3, 12), male=True)
		partner_id = make_mainland_id(date(1987, 6, 21), male=False)
		bad_check = wrong_check_digit(make_mainland_id())
		contradicted = make_mainland_id(date(1979, 9, 9))
		owner_mobile, partner_mobile = make_mobile(), make_mobile()
		names = [unique(n) for n in ("黄志明", "黄丽娟", "错号", "错手机", "生日不符", "重号", "重房")]
		owner, partner, *bad = names
		result = self.run_import(
			"Homeowner",
			"homeowners",
			[
				homeowner_row(owner, owner_id, owner_mobile, unit_a, "Owner", "50", Address="厦门市思明区示范路88号"),  # line 2
				homeowner_row(unit=unit_b),  # line 3: the owner's second unit
				homeowner_row(partner, partner_id, f"+86 {partner_mobile[:3]}-{partner_mobile[3:]}", unit_a, "Co-owner", "50"),
				homeowner_row(bad[0], bad_check, make_mobile(), unit_c),  # line 5
				homeowner_row(bad[1], make_mainland_id(), "1234", unit_c),  # line 6
				homeowner_row(bad[2], contradicted, make_mobile(), unit_c, **{"Birth Date": "1980-01-01"}),  # line 7
				homeowner_row(bad[3], owner_id, make_mobile(), unit_c),  # line 8
				homeowner_row(bad[4], make_mainland_id(), make_mobile(), unit_d),  # line 9
				homeowner_row(unit=unit_d),  # line 10: the same unit again
			],
		)
		self.assertEqual(result.status, "Partial Success")
		self.assertLanded(result, 2, 4)

		owner_doc = frappe.get_doc("Homeowner", {"homeowner_name": owner})
		self.assertEqual(
			(owner_doc.id_number, owner_doc.gender, getdate(owner_doc.birth_date), owner_doc.mobile_no, owner_doc.company),
			(owner_id, "Male", date(1985, 3, 12), owner_mobile, self.company),
		)
		self.assertEqual(owner_doc.address, "厦门市思明区示范路88号")
		self.assertEqual(
			[(row.unit, row.relationship, row.share_percent, row.project) for row in owner_doc.units],
			[(unit_a, "Owner", 50, self.project), (unit_b, "Owner", 100, self.project)],
		)
		partner_doc = frappe.get_doc("Homeowner", {"homeowner_name": partner})
		self.assertEqual(
			(partner_doc.gender, getdate(partner_doc.birth_date), partner_doc.mobile_no),
			("Female", date(1987, 6, 21), partner_mobile),
		)
		self.assertEqual([(row.unit, row.relationship, row.share_percent) for row in partner_doc.units], [(unit_a, "Co-owner", 50)])
		for unit in (unit_a, unit_b):  # the owner, not the co-owner, is the unit's primary homeowner
			self.assertEqual(frappe.db.get_value("Property Unit", unit, "primary_homeowner"), owner_doc.name)

		self.assertEqual(frappe.db.count("Homeowner", {"homeowner_name": ("in", bad)}), 0)
		self.assertFalse(frappe.db.exists("Homeowner Unit", {"unit": ("in", [unit_c, unit_d])}), "no bad row left a unit row")
		self.assertEqual(frappe.db.count("Homeowner", {"id_number": owner_id}), 1)

		self.assertRowRefused(result, 5, _("The check digit of ID number {0} is wrong").format(bad_check), "InvalidIdentityError")
		self.assertRowRefused(result, 6, _("{0} is not a valid mobile number").format("1234"), "InvalidIdentityError")
		self.assertRowRefused(
			result, 7, _("Birth date {0} does not match ID number {1}").format(formatdate("1980-01-01"), contradicted)
		)
		self.assertRowRefused(
			result,
			8,
			_("ID number {0} is already registered for homeowner {1}").format(owner_id, owner_doc.name),
			"DuplicateHomeownerError",
		)
		self.assertRowRefused(result, 9, _("Unit {0} is listed twice on this homeowner").format(unit_d))
		(mobile_log,) = [log for log in result.logs if log.row_indexes == [6]]
		self.assertIn(_("Invalid Mobile Number"), [m.get("title") for m in json.loads(mobile_log.messages)])

		# Export Errored Rows: the bad rows only, under the same header, to fix and import again
		frappe.local.response = frappe._dict()
		result.data_import.export_errored_rows()
		exported = list(csv.reader(io.StringIO(frappe.response.result)))
		self.assertEqual(exported[0], template_header("homeowners"))
		self.assertEqual([row[0] for row in exported[1:]], [*bad, ""])  # line 10 is line 9's second row

	def test_contractors_with_scopes_and_bad_scopes_refused(self):
		name, bad_scope, repeated, bad_mobile = (unique("承建商") for _ in range(4))
		mobile = make_mobile()
		result = self.run_import(
			"Contractor",
			"contractors",
			[
				contractor_row(  # line 2
					name,
					self.project,
					self.building,
					"卫生间渗漏",
					**{"Contact Person": "林建华", "Contact Mobile": f"+86 {mobile}", "Retention Amount": "200000"},
				),
				contractor_row(project=self.project, category="外墙渗漏"),  # line 3: a second scope
				contractor_row(bad_scope, self.project, self.other_building),  # line 4
				contractor_row(repeated, self.project, self.building, "卫生间渗漏"),  # line 5
				contractor_row(project=self.project, building=self.building, category="卫生间渗漏"),  # line 6
				contractor_row(bad_mobile, self.project, **{"Contact Mobile": "1234"}),  # line 7
			],
		)
		self.assertEqual(result.status, "Partial Success")
		self.assertLanded(result, 2)
		contractor = frappe.get_doc("Contractor", name)
		self.assertEqual(
			(contractor.contact_person, contractor.contact_mobile, contractor.retention_amount, contractor.retention_balance),
			("林建华", mobile, 200000, 200000),
		)
		self.assertEqual(
			[(s.project, s.building, s.problem_category) for s in contractor.scopes],
			[(self.project, self.building, "卫生间渗漏"), (self.project, None, "外墙渗漏")],
		)
		for refused in (bad_scope, repeated, bad_mobile):
			self.assertFalse(frappe.db.exists("Contractor", refused), refused)
		self.assertRowRefused(
			result,
			4,
			_("Scope row {0}: building {1} is not in project {2}").format(1, self.other_building, self.project),
			"InvalidScopeError",
		)
		self.assertRowRefused(result, 5, _("Scope row {0} repeats an earlier row").format(2), "InvalidScopeError")
		self.assertRowRefused(result, 7, _("{0} is not a valid mobile number").format("1234"))

	def test_an_import_cannot_name_records_or_set_system_fields(self):
		"""An ID column does not name the record (a homeowner would take the series' next number, a
		unit another company's unit name), and Registered by Company is the app's to set."""
		other_company = self.keep(make_company(self.keep(make_group()).name)).name
		series_next = "HO-99999"
		unit_name = make_unit_name(self.building, "7", "701")
		result = self.run_import(
			"Homeowner",
			"homeowners",
			[homeowner_row("起名", make_mainland_id(), make_mobile(), self.units[3]) + [series_next, other_company]],
			extra_columns=("ID", "Registered by Company"),
		)
		homeowner = frappe.db.get_value("Homeowner", {"homeowner_name": "起名"}, ["name", "company"], as_dict=True)
		self.assertNotEqual(homeowner.name, series_next)
		self.assertEqual(homeowner.company, self.company, "registered by the company of its unit, not the file's")
		self.assertFalse(frappe.db.exists("Homeowner", series_next))
		result = self.run_import(
			"Property Unit",
			"units",
			[unit_row(**{"Project": self.project, "Building": self.building, "Unit No": "7", "Room No": "702", "Status": "Vacant"}) + [unit_name]],
			extra_columns=("ID",),
		)
		self.assertEqual(result.status, "Success")
		self.assertTrue(frappe.db.exists("Property Unit", make_unit_name(self.building, "7", "702")))
		self.assertFalse(frappe.db.exists("Property Unit", unit_name), "the file's ID did not name the unit")

	def test_a_restricted_manager_imports_only_into_their_company(self):
		other_company = self.keep(make_company(self.keep(make_group()).name)).name
		other_project = self.keep(make_project(company=other_company)).name
		other_unit = self.keep(make_unit(self.keep(make_building(other_project)))).name
		manager = self.keep(make_user(["CS Manager"])).name
		self.made += [("Contact", c) for c in frappe.get_all("Contact", filters={"email_id": manager}, pluck="name")]
		self.keep(allow_organization(manager, self.company))
		frappe.db.commit()
		self.let_role_use_data_import("CS Manager")
		mine, theirs = unique("本公司业主"), unique("外公司业主")
		frappe.set_user(manager)
		result = self.run_import(
			"Homeowner",
			"homeowners",
			[
				homeowner_row(mine, make_mainland_id(), make_mobile(), self.units[2]),
				homeowner_row(theirs, make_mainland_id(), make_mobile(), other_unit),
			],
		)
		frappe.set_user("Administrator")
		self.assertEqual(result.status, "Partial Success")
		self.assertLanded(result, 2)
		landed = frappe.db.get_value("Homeowner", {"homeowner_name": mine}, ["name", "owner", "company"], as_dict=True)
		self.assertEqual((landed.owner, landed.company), (manager, self.company))
		self.assertFalse(frappe.db.exists("Homeowner", {"homeowner_name": theirs}))
		self.assertFalse(frappe.db.exists("Homeowner Unit", {"unit": other_unit}))
		(refused,) = [log for log in result.logs if not log.success]
		self.assertEqual(refused.row_indexes, [3])
		self.assertTrue(issubclass(OutOfScopeError, frappe.PermissionError))
		self.assertIn("OutOfScopeError", refused.exception)
		# "You cannot put Homeowner HO-….. in a project or company you do not work for", in the user's language
		before, after = _("You cannot put {0} {1} in a project or company you do not work for").format(_("Homeowner"), "\0").split("\0")
		shown = [m.get("message") for m in json.loads(refused.messages)]
		self.assertTrue(any(m.startswith(before) and m.endswith(after) for m in shown), shown)
