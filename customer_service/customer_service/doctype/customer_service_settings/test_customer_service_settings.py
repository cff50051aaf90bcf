import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from customer_service.customer_service.doctype.customer_service_settings.customer_service_settings import (
	InvalidCalendarError,
)
from customer_service.settings import get_working_calendar
from customer_service.tests.factories import cs_settings


class TestCustomerServiceSettings(FrappeTestCase):
	def settings(self):
		return frappe.get_doc("Customer Service Settings")

	def test_defaults_of_the_design(self):
		settings = self.settings()
		self.assertEqual(str(settings.work_start), "09:00:00")
		self.assertEqual(str(settings.work_end), "18:00:00")
		self.assertEqual(settings.emergency_response_hours, 2)
		self.assertEqual(settings.response_working_hours, 9)

	def test_holidays_and_make_up_workdays(self):
		rows = [
			{"date": "2026-10-01", "is_working_day": 0, "description": "国庆节"},
			{"date": "2026-09-20", "is_working_day": 1, "description": "国庆节调休"},
		]
		with cs_settings(calendar_exceptions=rows):
			settings = self.settings()
			self.assertEqual([str(r.date) for r in settings.calendar_exceptions], ["2026-09-20", "2026-10-01"])

	def test_bad_calendars_are_refused(self):
		settings = self.settings()
		settings.work_start, settings.work_end = "18:00:00", "09:00:00"
		with self.assertRaises(InvalidCalendarError):
			settings.save()
		settings = self.settings()
		settings.append("calendar_exceptions", {"date": "2026-10-01"})
		settings.append("calendar_exceptions", {"date": "2026-10-01"})
		with self.assertRaises(InvalidCalendarError):
			settings.save()
		settings = self.settings()
		settings.calendar_exceptions = []
		settings.append("calendar_exceptions", {"date": "2026-10-08", "is_working_day": 1})  # a Thursday
		with self.assertRaises(InvalidCalendarError):
			settings.save()


class TestOfficialCalendar(FrappeTestCase):
	def test_a_year_of_holidays_and_make_up_days_from_the_library(self):
		from customer_service.tests.factories import cs_settings

		with cs_settings(calendar_exceptions=[{"date": "2026-10-01", "is_working_day": 0, "description": "国庆（手工）"}]):
			settings = frappe.get_single("Customer Service Settings")
			result = settings.fill_public_holidays(2026)
			settings.reload()
			days = {str(row.date): (row.is_working_day, row.description) for row in settings.calendar_exceptions}
			self.assertEqual(days["2026-10-01"], (0, "国庆（手工）"), "a row already there stays as edited")
			self.assertEqual(days["2026-10-02"][0], 0)
			self.assertEqual(days["2026-09-20"][0], 1, "the make-up Sunday before National Day")
			self.assertEqual(days["2026-02-14"][0], 1, "and the Saturday of the Spring Festival")
			self.assertNotIn("2026-10-03", days, "a holiday on a Saturday is no exception")
			self.assertGreater(result["added"], 15)
			again = settings.fill_public_holidays(2026)
			self.assertEqual(again["added"], 0, "filling twice adds nothing")
			calendar = get_working_calendar()
			self.assertFalse(calendar.is_working_day(getdate("2026-10-02")))
			self.assertTrue(calendar.is_working_day(getdate("2026-09-20")))

	def test_a_year_the_library_does_not_cover_is_said_plainly(self):
		from customer_service.public_holidays import YearNotCoveredError

		with self.assertRaises(YearNotCoveredError):
			frappe.get_single("Customer Service Settings").fill_public_holidays(2099)

	def test_only_admins_fill_the_calendar(self):
		from customer_service.tests.factories import make_user

		frappe.set_user(make_user(["CS Manager"]).name)
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_single("Customer Service Settings").fill_public_holidays(2026)
		finally:
			frappe.set_user("Administrator")
