"""Print to PDF out of the box: the app's two print formats render through Frappe's PDF (wkhtmltopdf,
installed by `make dev` / `make test` from Debian) into pages that carry their Chinese text.

wkhtmltopdf loads the page's styles from the site, as it does in production: here from the test
server (`served_site`), whose address stands in for the site's host name."""

from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate
from pypdf import PdfReader

from customer_service.tests.factories import make_building, make_defect, make_homeowner, make_project, make_round, make_unit
from customer_service.tests.http_client import served_site


def pdf_text(pdf: bytes) -> tuple[int, str]:
	reader = PdfReader(BytesIO(pdf))
	return len(reader.pages), "".join(page.extract_text() or "" for page in reader.pages)


class TestPrintToPDF(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.lang, frappe.local.lang = frappe.local.lang, "zh"  # as a Chinese desk prints
		cls.host_name, frappe.local.conf.host_name = frappe.local.conf.get("host_name"), served_site()

	@classmethod
	def tearDownClass(cls):
		frappe.local.lang = cls.lang
		frappe.local.conf.host_name = cls.host_name
		super().tearDownClass()

	def test_the_inspection_summary(self):
		project = make_project()
		building = make_building(project.name)
		unit = make_unit(building)
		inspection_round = make_round(project.name, [building.name], inspectors=["Administrator"])
		make_defect(inspection_round, unit, location="客厅")
		pdf = frappe.get_print("Inspection Round", inspection_round.name, "Inspection Summary", as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
		pages, text = pdf_text(pdf)
		self.assertGreaterEqual(pages, 1)
		flat = "".join(text.split())
		for shown in ("验房总结", "模拟验房", "客厅"):  # the format's title, the round's type, the defect's place
			self.assertIn(shown, flat)

	def test_the_handover_confirmation(self):
		project = make_project()
		unit = make_unit(make_building(project.name))
		homeowner = make_homeowner([unit.name], homeowner_name="陈建国")
		inspection_round = make_round(project.name, [unit.building], round_type="Handover")
		handover = frappe.get_doc(
			{"doctype": "Unit Handover", "unit": unit.name, "homeowner": homeowner.name, "inspection_round": inspection_round.name,
			 "handover_date": nowdate(), "keys_handed": 2, "access_cards": 2, "water_meter": 1.5, "electricity_meter": 8.2}
		).insert()  # fmt: skip
		handover.submit()
		pdf = frappe.get_print("Unit Handover", handover.name, "Handover Confirmation", as_pdf=True)
		pages, text = pdf_text(pdf)
		self.assertGreaterEqual(pages, 1)
		flat = "".join(text.split())
		self.assertIn("陈建国", flat)
		self.assertRegex(flat, r"[\u4e00-\u9fff]{4,}", "the format's own Chinese labels")
