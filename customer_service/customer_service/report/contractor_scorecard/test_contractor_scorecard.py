from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from customer_service.customer_service.report.contractor_scorecard.contractor_scorecard import execute
from customer_service.tests.factories import (
	rectify,
	make_building,
	make_contractor,
	make_defect,
	make_project,
	make_round,
	make_unit,
)


class TestContractorScorecard(FrappeTestCase):
	def test_scorecard(self):
		project = make_project()
		building = make_building(project.name)
		contractor = make_contractor([{"project": project.name}])
		inspection_round = make_round(project.name, [building.name], inspectors=["Administrator"])
		units = [make_unit(building, room_no=str(200 + i)) for i in range(3)]
		rectified = make_defect(inspection_round, units[0])
		rectified.dispatch()
		rectify(rectified)
		rectified.reject("返工")
		rectify(rectified)
		make_defect(inspection_round, units[1], rectify_by=add_days(nowdate(), -2))
		make_defect(inspection_round, units[2])

		_columns, data = execute({"project": project.name})
		self.assertEqual(len(data), 1)
		row = data[0]
		self.assertEqual(row.contractor, contractor.name)
		self.assertEqual((row.defects, row.rectified, row.overdue, row.rejections), (3, 1, 1, 1))
		self.assertEqual(row.rectification_rate, 33.3)
		self.assertEqual(row.average_days, 0)
