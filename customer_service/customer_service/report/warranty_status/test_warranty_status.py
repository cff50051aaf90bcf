from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, nowdate

from customer_service.customer_service.report.warranty_status.warranty_status import execute
from customer_service.tests.factories import make_building, make_unit


class TestWarrantyStatus(FrappeTestCase):
	def test_remaining_warranty_per_category(self):
		building = make_building(completion_date=add_days(nowdate(), -400))
		start = add_months(nowdate(), -25)
		unit = make_unit(building, status="Delivered", delivery_date=start)
		_columns, rows = execute({"unit": unit.name, "part": "防水渗漏"})
		roof = next(r for r in rows if r["problem_category"] == "屋面渗漏")
		self.assertEqual(roof["warranty_end"], getdate(add_months(start, 60)))
		self.assertEqual(roof["status"], "In Warranty")
		self.assertEqual(roof["contractor_warranty_end"], getdate(add_months(add_days(nowdate(), -400), 60)))
		_columns, rows = execute({"unit": unit.name, "part": "入户木门"})
		self.assertTrue(rows and all(r["status"] == "Expired" and r["days_remaining"] < 0 for r in rows))

	def test_without_a_unit_or_building_it_asks_for_one(self):
		_columns, rows, message = execute({})
		self.assertEqual((rows, message), ([], "Choose a unit or a building"))
