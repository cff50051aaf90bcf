import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from customer_service.revisits import create_scheduled_revisits
from customer_service.tests.factories import cs_settings, make_homeowner, make_unit


class TestScheduledRevisits(FrappeTestCase):
	def run_job(self, day: str) -> int:
		with self.freeze_time(f"{day} 02:00:00"):
			return create_scheduled_revisits()

	def revisits(self, unit) -> dict:
		return {
			r.revisit_type: str(r.due_date)
			for r in frappe.get_all("Revisit", filters={"unit": unit.name}, fields=["revisit_type", "due_date"])
		}

	def test_revisits_are_made_when_they_fall_due_and_only_once(self):
		frappe.db.set_single_value("Customer Service Settings", "revisits_scheduled_until", "2026-11-30")
		signed = make_unit(contract_date="2026-11-27")  # after signing: due 7 days later, Dec 4
		delivered = make_unit(status="Delivered", delivery_date="2026-11-02")  # 1 month: Dec 2
		for unit in (signed, delivered):
			make_homeowner(units=[unit.name])
		self.run_job("2026-12-01")
		self.assertEqual(self.revisits(signed), {})
		self.run_job("2026-12-02")
		self.assertEqual(self.revisits(delivered), {"After Handover 1 Month": "2026-12-02"})
		self.run_job("2026-12-04")
		self.assertEqual(self.revisits(signed), {"After Signing": "2026-12-04"})
		count = frappe.db.count("Revisit")
		self.run_job("2026-12-04")
		frappe.db.set_single_value("Customer Service Settings", "revisits_scheduled_until", "2026-11-01")
		self.run_job("2026-12-04")  # even a job that looks back again makes none twice (the key is unique)
		self.assertEqual(frappe.db.count("Revisit"), count)
		self.run_job("2027-02-03")
		self.assertEqual(
			set(self.revisits(delivered)),
			{"After Handover 1 Month", "After Handover 3 Months", "Quality Check 3 Months"},
		)

	def test_the_schedule_is_settings(self):
		"""A row switched off makes nothing; a row an admin adds (with a type of their own) does."""
		if not frappe.db.exists("Revisit Type", "After Handover 2 Years"):
			frappe.get_doc({"doctype": "Revisit Type", "revisit_type_name": "After Handover 2 Years"}).insert()
		rows = [
			{**row.as_dict(), "enabled": 0 if row.revisit_type == "Quality Check 3 Months" else row.enabled}
			for row in frappe.get_single("Customer Service Settings").revisit_schedule
		]
		rows.append({"revisit_type": "After Handover 2 Years", "base_date": "Delivery Date", "months": 24, "enabled": 1})
		delivered = make_unit(status="Delivered", delivery_date="2024-12-03")
		make_homeowner(units=[delivered.name])
		frappe.db.set_single_value("Customer Service Settings", "revisits_scheduled_until", "2024-12-01")
		with cs_settings(revisit_schedule=rows):
			self.run_job("2026-12-04")
		made = set(self.revisits(delivered))
		self.assertIn("After Handover 2 Years", made)
		self.assertNotIn("Quality Check 3 Months", made)
		self.assertIn("Quality Check 23 Months", made)

	def test_units_without_homeowner_are_skipped(self):
		frappe.db.set_single_value("Customer Service Settings", "revisits_scheduled_until", "2026-11-30")
		unit = make_unit(contract_date="2026-11-25")
		self.run_job("2026-12-02")
		self.assertFalse(frappe.db.exists("Revisit", {"unit": unit.name}))


class TestDissatisfiedRevisit(FrappeTestCase):
	def test_a_dissatisfied_scheduled_revisit_raises_a_complaint(self):
		unit = make_unit(status="Delivered", delivery_date=add_days(nowdate(), -40))
		owner = make_homeowner(units=[unit.name])
		revisit = frappe.get_doc(
			{"doctype": "Revisit", "revisit_type": "After Handover 1 Month", "unit": unit.name, "homeowner": owner.name,
			 "due_date": nowdate(), "satisfaction": "Dissatisfied", "comment": "外墙渗水一直没人处理"}
		).insert()  # fmt: skip
		revisit.reload()
		self.assertTrue(revisit.follow_up_task)
		task = frappe.get_doc("Service Task", revisit.follow_up_task)
		self.assertEqual((task.task_type, task.unit, task.homeowner, task.description), ("Complaint", unit.name, owner.name, "外墙渗水一直没人处理"))
