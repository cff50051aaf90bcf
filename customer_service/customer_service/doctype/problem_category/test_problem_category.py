import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.categories import (
	get_category_chain,
	get_category_setting,
)
from customer_service.setup.install import create_problem_categories


class TestProblemCategory(FrappeTestCase):
	def test_six_classes_of_the_seeds_are_shipped(self):
		roots = frappe.get_all("Problem Category", filters={"parent_problem_category": ("is", "not set")}, pluck="name")
		self.assertEqual(set(roots), {"工程质量", "规划设计", "销售管理", "物业管理", "客户服务", "其他"})

	def test_engineering_hot_spots_have_regulated_warranty(self):
		expected = {
			"屋面渗漏": 60,  # roof waterproofing: 5 years
			"外墙渗漏": 60,
			"卫生间渗漏": 60,
			"铝窗渗水": 60,
			"木门变形开裂": 24,  # installation and decoration: 2 years
			"墙面抹灰脱落": 24,
			"墙面裂缝": 24,
			"给水管漏水": 24,  # plumbing: 2 years
			"插座开关故障": 24,  # electrical: 2 years
			"地暖不热": 24,  # heating: two heating seasons
			"中央空调不制冷": 24,
			"塑窗开启不畅": 24,
		}
		for category, months in expected.items():
			warranty, contractor, is_group = frappe.db.get_value(
				"Problem Category", category, ["warranty_months", "contractor_warranty_months", "is_group"]
			)
			self.assertEqual((warranty, contractor, is_group), (months, months, 0), category)
		self.assertEqual(get_category_chain("屋面渗漏"), ["屋面渗漏", "防水渗漏", "工程质量"])

	def test_values_inherit_from_the_nearest_ancestor(self):
		part = frappe.get_doc("Problem Category", "防水渗漏")
		part.db_set("responsible_department", None)
		leaf = frappe.get_doc(
			{"doctype": "Problem Category", "category_name": "阳台渗漏测试", "parent_problem_category": "防水渗漏"}
		).insert()
		self.assertIsNone(get_category_setting(leaf.name, "warranty_months"))
		part.db_set("warranty_months", 60)
		self.assertEqual(get_category_setting(leaf.name, "warranty_months"), 60)

	def test_same_name_under_another_part_gets_a_distinct_name(self):
		first = frappe.get_doc(
			{"doctype": "Problem Category", "category_name": "异响", "parent_problem_category": "给排水"}
		).insert()
		second = frappe.get_doc(
			{"doctype": "Problem Category", "category_name": "异响", "parent_problem_category": "暖通空调"}
		).insert()
		self.assertEqual((first.name, second.name), ("异响", "暖通空调-异响"))

	def test_reinstalling_the_library_keeps_admin_edits(self):
		frappe.db.set_value("Problem Category", "屋面渗漏", "warranty_months", 96)
		count = frappe.db.count("Problem Category")
		create_problem_categories()
		self.assertEqual(frappe.db.count("Problem Category"), count)
		self.assertEqual(frappe.db.get_value("Problem Category", "屋面渗漏", "warranty_months"), 96)
