"""The portal in a real headless Chromium at phone size: a homeowner logs in, reports a problem
with a photo, finds it in My Requests, staff complete the task, the homeowner rates it and the
rating is recorded; the homeowner books their handover; a contractor marks a defect rectified
with a photo. Every step is checked on the database, not only on the page.

Set CS_SCREENSHOT_DIR to keep a screenshot of every page the walk passes (`make screenshots`
takes the documentation's from the demo site instead).
"""

from __future__ import annotations

import os
import tempfile

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.tests import browser
from customer_service.tests.factories import (
	allow_organization,
	complete,
	make_building,
	make_company,
	make_contractor,
	make_defect,
	make_portal_homeowner,
	make_project,
	make_round,
	make_unit,
	make_user,
)
from customer_service.tests.http_client import PASSWORD
from customer_service.tests.test_portal import next_working_day

WAIT = 30


class TestPortalInABrowser(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if problem := browser.missing():
			raise RuntimeError(problem)  # make test installs them: a missing browser is a broken setup, not a skip
		company = make_company().name
		cls.responder = make_user(["CS Agent"], password=PASSWORD).name
		allow_organization(cls.responder, company)
		frappe.db.set_value("Service Organization", company, "portal_responder", cls.responder)
		project = make_project(company=company).name
		building = make_building(project)
		cls.unit = make_unit(building, room_no="1203").name
		cls.homeowner = make_portal_homeowner([cls.unit], PASSWORD)
		cls.round = make_round(project, [building.name], round_type="Handover", slots=[("09:00:00", 2), ("14:00:00", 2)]).name
		cls.contractor_user = make_user(["Contractor"], password=PASSWORD, user_type="Website User").name
		contractor = make_contractor([{"project": project}], user=cls.contractor_user).name
		cls.defect = make_defect(cls.round, cls.unit, contractor=contractor, description="入户门框变形")
		cls.defect.dispatch()
		frappe.db.commit()
		cls.url = browser.site_url()
		cls.shots = os.environ.get("CS_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="cs-portal-")
		cls.photo = browser.photo_file(os.path.join(tempfile.mkdtemp(prefix="cs-photo-"), "crack.jpg"))
		cls.driver = browser.phone()

	@classmethod
	def tearDownClass(cls):
		cls.driver.quit()
		super().tearDownClass()

	# -- helpers ----------------------------------------------------------------------------

	def wait_for(self, condition, message: str):
		from selenium.webdriver.support.ui import WebDriverWait

		return WebDriverWait(self.driver, WAIT).until(condition, message)

	def css(self, selector: str):
		from selenium.webdriver.common.by import By

		return self.driver.find_element(By.CSS_SELECTOR, selector)

	def tap(self, element):
		"""Scroll the element to the middle of the screen (clear of the tab bar) and tap it."""
		self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
		element.click()

	def text_appears(self, text: str):
		from selenium.common.exceptions import TimeoutException

		try:
			self.wait_for(lambda d: text in d.find_element("tag name", "body").text, "")
		except TimeoutException:
			self.fail(f"{text!r} never appeared on {self.driver.current_url}: {[e.text for e in self.driver.find_elements('css selector', '.cs-alert, #cs-result')]}")

	def shot(self, name: str):
		width = self.driver.execute_script("return document.documentElement.scrollWidth")
		self.assertLessEqual(width, browser.PHONE[0], f"{name}: the page is wider than the phone")
		browser.full_page_screenshot(self.driver, os.path.join(self.shots, f"{name}.png"))

	def log_in(self, login: str, landing: str):
		self.driver.delete_all_cookies()
		self.driver.get(f"{self.url}/owner/login")
		self.css("#cs-usr").send_keys(login)
		self.css("#cs-pwd").send_keys(PASSWORD)
		self.tap(self.css("#cs-password button[type=submit]"))
		self.wait_for(lambda d: d.current_url.rstrip("/").endswith(landing), f"{login} did not land on {landing}")

	# -- the walk -----------------------------------------------------------------------------

	def test_a_homeowner_and_a_contractor_on_their_phones(self):
		from selenium.webdriver.support.ui import Select

		driver = self.driver
		# log in with the mobile number, on a phone
		self.log_in(self.homeowner.mobile_no, "/owner")
		self.assertEqual(driver.execute_script("return window.innerWidth"), browser.PHONE[0])
		self.text_appears(self.unit)
		self.shot("home")

		# report a problem with a photo from the camera roll
		driver.get(f"{self.url}/owner/report?unit={self.unit}")
		Select(self.css("#cs-category")).select_by_value("墙面裂缝")
		self.css("#cs-description").send_keys("客厅墙面出现斜向裂缝，约半米长")
		self.css("#cs-photos").send_keys(self.photo)
		self.wait_for(lambda d: d.find_elements("css selector", "#cs-previews img"), "no preview of the photo")
		self.shot("report")
		self.tap(self.css("#cs-submit"))
		self.text_appears("已登记")
		frappe.db.rollback()
		reception = frappe.get_last_doc("Service Reception", {"homeowner": self.homeowner.name})
		self.assertEqual((reception.channel, reception.unit), ("Portal", self.unit))
		photo = frappe.get_all(
			"File", {"attached_to_doctype": "Service Reception", "attached_to_name": reception.name}, ["file_url", "file_size", "is_private"]
		)
		self.assertEqual(len(photo), 1, "the photo is the reception's")
		self.assertEqual(photo[0].is_private, 1)
		self.assertLess(photo[0].file_size, os.path.getsize(self.photo), "the browser shrank the photo before sending it")
		self.assertIn(reception.name, self.css("#cs-result").text)

		# it is in My Requests
		self.tap(self.css("#cs-result a"))
		self.text_appears(reception.name)
		self.shot("requests")

		# staff do the work; the homeowner rates it
		task = frappe.get_doc("Service Task", {"reception": reception.name})
		complete(task)
		frappe.db.commit()
		driver.refresh()
		form = self.wait_for(lambda d: d.find_element("css selector", f"form.cs-rate[data-task='{task.name}']"), "no rating form")
		self.shot("rate")
		self.tap(form.find_element("xpath", ".//input[@value='Satisfied']/following-sibling::span"))
		form.find_element("css selector", "textarea").send_keys("师傅准时，修得很好")
		self.tap(form.find_element("css selector", "button[type=submit]"))
		self.text_appears("感谢您的评价")
		frappe.db.rollback()
		revisit = frappe.get_doc("Revisit", {"task": task.name, "status": "Done"})
		self.assertEqual((revisit.method, revisit.satisfaction, revisit.comment), ("Portal", "Satisfied", "师傅准时，修得很好"))
		driver.refresh()
		self.text_appears("感谢您的评价")
		self.assertFalse(driver.find_elements("css selector", f"form.cs-rate[data-task='{task.name}']"), "rated once")

		# book the handover in a free slot of the round
		driver.get(f"{self.url}/owner/handover")
		day = self.css(".cs-day")
		visit_day = next_working_day(3)
		driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", day, visit_day)
		slot = self.wait_for(
			lambda d: d.find_element("xpath", f"//div[@class='cs-slots'][@data-day='{visit_day}']/button[text()='14:00']"),
			"no 14:00 slot on the chosen day",
		)
		self.tap(slot)
		self.tap(self.css(".cs-book"))
		self.text_appears("您的预约")
		self.shot("handover")
		frappe.db.rollback()
		appointment = frappe.db.get_value("Unit Handover", {"unit": self.unit, "homeowner": self.homeowner.name}, "appointment")
		self.assertEqual(str(appointment), f"{visit_day} 14:00:00")
		self.assertIn("入户门框变形", driver.find_element("tag name", "body").text, "the defect found at inspection")

		# the contractor marks the defect rectified, with a photo
		self.log_in(self.contractor_user, "/contractor")
		self.text_appears(self.defect.name)
		self.shot("contractor")
		self.tap(self.css(f"a.cs-item[href*='{self.defect.name}']"))
		self.css("#cs-note").send_keys("更换门框并重新打胶")
		self.css("#cs-photos").send_keys(self.photo)
		self.shot("contractor-item")
		self.tap(self.css("#cs-rectify button[type=submit]"))
		self.wait_for(lambda d: not d.find_elements("css selector", "#cs-rectify"), "the form stayed")
		frappe.db.rollback()
		defect = frappe.get_doc("Inspection Defect", self.defect.name)
		self.assertEqual((defect.status_category, defect.rectification_note), ("Rectified", "更换门框并重新打胶"))
		self.assertTrue(defect.rectification_photo.startswith("/private/files/"))
