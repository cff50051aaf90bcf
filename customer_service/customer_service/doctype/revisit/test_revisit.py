import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, nowdate

from customer_service.revisits import create_scheduled_revisits
from customer_service.tests.factories import make_homeowner, make_unit


class TestScheduledRevisits(FrappeTestCase):
	def test_after_signing_and_after_handover_revisits_once(self):
		signed = make_unit(contract_date=add_days(nowdate(), -3))
		delivered = make_unit(status="Delivered", delivery_date=add_days(nowdate(), -10))
		for unit in (signed, delivered):
			make_homeowner(units=[unit.name])
		create_scheduled_revisits()
		after_signing = frappe.get_all("Revisit", filters={"unit": signed.name}, fields=["revisit_type", "due_date", "homeowner"])
		self.assertEqual([(r.revisit_type, str(r.due_date)) for r in after_signing], [("After Signing", add_days(nowdate(), 4))])
		self.assertTrue(after_signing[0].homeowner)
		handover = {
			r.revisit_type: getdate(r.due_date)
			for r in frappe.get_all("Revisit", filters={"unit": delivered.name}, fields=["revisit_type", "due_date"])
		}
		base = add_days(nowdate(), -10)
		self.assertEqual(
			handover,
			{
				"After Handover 1 Month": getdate(add_months(base, 1)),
				"After Handover 3 Months": getdate(add_months(base, 3)),
				"After Handover 1 Year": getdate(add_months(base, 12)),
			},
		)
		count = frappe.db.count("Revisit")
		create_scheduled_revisits()
		self.assertEqual(frappe.db.count("Revisit"), count, "the daily job is idempotent")

	def test_units_without_homeowner_are_skipped(self):
		unit = make_unit(contract_date=add_days(nowdate(), -3))
		create_scheduled_revisits()
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
