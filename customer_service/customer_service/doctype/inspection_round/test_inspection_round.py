import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.tests.factories import (
	rectify,
	make_building,
	make_contractor,
	make_defect,
	make_project,
	make_round,
	make_unit,
)


class TestInspectionRound(FrappeTestCase):
	def test_buildings_must_be_in_the_project(self):
		with self.assertRaises(frappe.ValidationError):
			make_round(make_project().name, [make_building().name])

	def test_progress_and_summary(self):
		project = make_project()
		building = make_building(project.name)
		units = [make_unit(building, room_no=str(100 + i)) for i in range(4)]
		contractor = make_contractor([{"project": project.name}])
		inspection_round = make_round(project.name, [building.name])
		make_defect(inspection_round, units[0], problem_category="铝窗渗水", location="主卧")
		make_defect(inspection_round, units[0], problem_category="墙面裂缝", location="客厅")
		done = make_defect(inspection_round, units[1], problem_category="墙面裂缝", location="客厅")
		done.dispatch()
		rectify(done)

		summary = frappe.get_doc("Inspection Round", inspection_round.name).refresh_summary()
		self.assertEqual((summary["total_units"], summary["inspected_units"], summary["progress_percent"]), (4, 2, 50))
		# a unit walked without defects counts too (once)
		from customer_service.api.inspection import mark_units_inspected

		self.assertEqual(mark_units_inspected(inspection_round.name, [units[2].name, units[0].name]), 2)
		self.assertEqual(mark_units_inspected(inspection_round.name, [units[2].name]), 0)
		summary = frappe.get_doc("Inspection Round", inspection_round.name).refresh_summary()
		self.assertEqual((summary["inspected_units"], summary["progress_percent"]), (3, 75))
		self.assertEqual((summary["defect_count"], summary["open_defect_count"]), (3, 2))
		self.assertEqual(summary["rectification_rate"], 33.3)
		self.assertEqual(summary["by_category"], {"墙面裂缝": 2, "铝窗渗水": 1})
		self.assertEqual(summary["by_location"], {"客厅": 2, "主卧": 1})
		self.assertEqual(summary["by_contractor"], {contractor.name: 3})
		self.assertEqual(summary["by_status"], {"Open": 2, "Rectified": 1})
		inspection_round.reload()
		self.assertEqual(inspection_round.progress_percent, 75)
		self.assertIn("墙面裂缝", inspection_round.summary)
		# the print renders a fresh summary, even of defects recorded after the last save
		make_defect(inspection_round, units[3], problem_category="地漏返味", location="主卫")
		html = frappe.get_print("Inspection Round", inspection_round.name, "Inspection Summary")
		self.assertIn("墙面裂缝", html)
		self.assertIn("地漏返味", html)
