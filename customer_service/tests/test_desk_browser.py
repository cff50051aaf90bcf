"""The workbench and a report in a real browser (Debian's Chromium), as a manager of one company:
every card and chart draws, the report's page builds its filters and its bold total, and the page
logs no error of the app's."""

import time
from urllib.parse import quote

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.setup.workspace import CHARTS, WORKSPACE, card_labels
from customer_service.tests import browser
from customer_service.tests.factories import allow_organization, make_company, make_user
from customer_service.tests.http_client import PASSWORD


def app_errors(driver) -> list[str]:
	"""Console errors, but the test server's missing socket.io (no realtime server in tests)."""
	return [e for e in browser.js_errors(driver) if "socket.io" not in e]


class TestDeskInABrowser(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if problem := browser.missing():
			raise RuntimeError(problem)
		cls.manager = make_user(["CS Manager"], password=PASSWORD).name
		allow_organization(cls.manager, make_company().name)
		frappe.db.commit()
		cls.url = browser.site_url()

	def open(self, path: str, selector: str, width: int = 1280):
		from selenium.webdriver.support.ui import WebDriverWait

		driver = browser.desk(width, 2200)
		browser.desk_log_in(driver, self.url, self.manager, PASSWORD)
		driver.get(f"{self.url}{path}")
		WebDriverWait(driver, 60).until(lambda d: d.find_elements("css selector", selector), f"{selector} never appeared")
		time.sleep(3)
		return driver

	def test_the_workbench_draws_every_card_and_chart(self):
		for width in (1280, 820):  # a laptop and a tablet
			driver = self.open(f"/app/{quote(WORKSPACE)}", ".widget.number-widget-box", width)
			try:
				self.assertEqual(len(driver.find_elements("css selector", ".widget.number-widget-box")), len(card_labels()), width)
				self.assertEqual(len(driver.find_elements("css selector", ".widget.dashboard-widget-box")), len(CHARTS), width)
				self.assertLessEqual(driver.execute_script("return document.documentElement.scrollWidth"), width, "no sideways scroll")
				self.assertEqual(app_errors(driver), [])
			finally:
				driver.quit()

	def test_a_report_builds_its_filters_and_total(self):
		driver = self.open(f"/app/query-report/{quote('Compensation Summary')}", ".dt-row")
		try:
			filters = {e.get_attribute("data-fieldname") for e in driver.find_elements("css selector", ".page-form .frappe-control")}
			self.assertTrue({"group_by", "from_date", "to_date", "company", "project"} <= filters, filters)
			self.assertTrue(driver.find_elements("css selector", ".dt-row b"), "the total row in bold")
			self.assertEqual(app_errors(driver), [])
		finally:
			driver.quit()
