import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.customer_service.doctype.customer_service_settings.customer_service_settings import (
	InvalidCalendarError,
)
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
