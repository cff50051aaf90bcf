import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate, nowdate

from customer_service.handover import AlreadyDeliveredError, BlockingDefectsError, SlotFullError
from customer_service.inspection import DefectOutsideRoundError
from customer_service.tests.factories import (
	make_building,
	make_defect,
	make_homeowner,
	make_round,
	make_unit,
	make_user,
	unique,
)


class TestUnitHandover(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.building = make_building()
		cls.round = make_round(
			cls.building.project, [cls.building.name], round_type="Handover", slots=[("09:00:00", 1), ("14:00:00", 2)]
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def handover(self, unit=None, **fields):
		unit = unit or make_unit(self.building, room_no=unique("R"), status="Sold")
		owner = make_homeowner(units=[unit.name])
		return frappe.get_doc(
			{
				"doctype": "Unit Handover",
				"unit": unit.name,
				"homeowner": owner.name,
				"inspection_round": self.round.name,
				"handover_date": nowdate(),
				"keys_handed": 3,
				"water_meter": 12.5,
				**fields,
			}
		).insert()

	def test_appointments_respect_slots_and_capacity(self):
		self.handover(appointment="2026-12-05 09:00:00")
		before = frappe.db.count("Unit Handover")
		with self.assertRaises(SlotFullError):
			self.handover(appointment="2026-12-05 09:00:00")
		with self.assertRaises(SlotFullError):
			self.handover(appointment="2026-12-05 10:30:00")
		self.handover(appointment="2026-12-05 14:00:00")
		self.handover(appointment="2026-12-05 14:00:00")
		with self.assertRaises(SlotFullError):
			self.handover(appointment="2026-12-05 14:00:00")
		self.assertEqual(frappe.db.count("Unit Handover"), before + 2)
		from customer_service.api.handover import get_available_slots

		self.assertEqual(
			get_available_slots(self.round.name, "2026-12-05"),
			[
				{"time": "09:00", "at": "2026-12-05 09:00:00", "capacity": 1, "booked": 1, "free": 0},
				{"time": "14:00", "at": "2026-12-05 14:00:00", "capacity": 2, "booked": 2, "free": 0},
			],
		)
		self.assertEqual([s["free"] for s in get_available_slots(self.round.name, "2026-12-06")], [1, 2])

	def test_sign_off_delivers_and_cancel_undoes_exactly_that(self):
		handover = self.handover(findings=[{"problem_category": "墙面裂缝", "location": "次卧", "description": "细小裂缝"}])
		defect = handover.findings[0].inspection_defect
		self.assertEqual(frappe.db.get_value("Inspection Defect", defect, "inspection_round"), self.round.name)
		handover.submit()
		unit = frappe.get_doc("Property Unit", handover.unit)
		self.assertEqual((unit.status, getdate(unit.delivery_date), getdate(unit.warranty_start)), ("Delivered", getdate(nowdate()), getdate(nowdate())))
		self.assertTrue(unit.next_warranty_expiry)
		revisits = {
			r.revisit_type: getdate(r.due_date)
			for r in frappe.get_all("Revisit", filters={"unit_handover": handover.name}, fields=["revisit_type", "due_date"])
		}
		self.assertEqual(revisits["After Handover 1 Month"], getdate(add_months(nowdate(), 1)))
		self.assertEqual(revisits["Quality Check 35 Months"], getdate(add_months(nowdate(), 35)))
		self.assertEqual(len(revisits), 7, "every revisit the schedule sets after delivery")

		html = frappe.get_print("Unit Handover", handover.name, "Handover Confirmation")
		self.assertIn(handover.unit, html)
		self.assertIn("细小裂缝", html)

		handover.cancel()
		unit.reload()
		self.assertEqual((unit.status, unit.delivery_date, unit.warranty_start), ("Sold", None, None))
		self.assertFalse(frappe.get_all("Revisit", filters={"unit_handover": handover.name}))
		self.assertTrue(frappe.db.exists("Inspection Defect", defect), "the defects found stay recorded")

	def test_cancel_restores_earlier_dates(self):
		unit = make_unit(self.building, room_no=unique("R"), status="Reserved", delivery_date="2026-01-01", warranty_start="2026-01-01")
		unit.db_set("status", "Sold")
		handover = self.handover(unit)
		handover.submit()
		handover.cancel()
		unit.reload()
		self.assertEqual((unit.status, str(unit.delivery_date), str(unit.warranty_start)), ("Sold", "2026-01-01", "2026-01-01"))

	def test_findings_recorded_at_sign_off_count_for_readiness(self):
		frappe.db.set_value("Problem Category", "结构裂缝", "blocks_handover", 1)
		handover = frappe.get_doc(
			{
				"doctype": "Unit Handover",
				"unit": (unit := make_unit(self.building, room_no=unique("R"), status="Sold")).name,
				"homeowner": make_homeowner(units=[unit.name]).name,
				"inspection_round": self.round.name,
				"handover_date": nowdate(),
				"findings": [{"problem_category": "结构裂缝", "description": "楼板裂缝"}],
			}
		)
		handover.insert()
		with self.assertRaises(BlockingDefectsError):
			handover.submit()

	def test_the_homeowner_must_own_the_unit(self):
		unit = make_unit(self.building, room_no=unique("R"), status="Sold")
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Unit Handover",
					"unit": unit.name,
					"homeowner": make_homeowner().name,
					"inspection_round": self.round.name,
					"handover_date": nowdate(),
				}
			).insert()

	def test_an_already_delivered_unit_cannot_be_signed_off_again(self):
		unit = make_unit(self.building, room_no=unique("R"), status="Delivered", delivery_date="2026-01-10")
		handover = self.handover(unit)
		with self.assertRaises(AlreadyDeliveredError):
			handover.submit()
		self.assertEqual(frappe.db.get_value("Unit Handover", handover.name, "docstatus"), 0)
		self.assertEqual(str(frappe.db.get_value("Property Unit", unit.name, "delivery_date")), "2026-01-10")

	def test_blocking_defects_need_a_managers_override(self):
		frappe.db.set_value("Problem Category", "结构裂缝", "blocks_handover", 1)
		unit = make_unit(self.building, room_no=unique("R"), status="Sold")
		make_defect(self.round, unit, problem_category="结构裂缝", description="梁底裂缝")
		handover = self.handover(unit)
		with self.assertRaises(BlockingDefectsError):
			handover.submit()
		agent = make_user(["CS Agent"]).name
		frappe.set_user(agent)
		doc = frappe.get_doc("Unit Handover", handover.name)
		doc.override_blocking_defects, doc.override_reason = 1, "业主同意带缺陷交付"
		with self.assertRaises(frappe.PermissionError):
			doc.submit()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Property Unit", unit.name, "status"), "Sold")
		doc = frappe.get_doc("Unit Handover", handover.name)
		doc.override_blocking_defects, doc.override_reason = 1, "业主同意带缺陷交付"
		doc.submit()
		self.assertEqual((doc.override_by, frappe.db.get_value("Property Unit", unit.name, "status")), ("Administrator", "Delivered"))

	def test_unit_must_be_in_the_round(self):
		with self.assertRaises(DefectOutsideRoundError):
			self.handover(make_unit())
