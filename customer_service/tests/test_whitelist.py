"""No whitelisted method of Frappe's is reachable under the app's name.

Frappe calls any whitelisted function by its dotted path: a module of the app that imports one
by name (`from frappe.desk.listview import get_group_by_count`) makes it callable again as
`customer_service.<module>.get_group_by_count`, past the app's override and the portal's fence.
The app imports such modules, not their functions.
"""

import importlib
import inspect
import pkgutil

import frappe
from frappe.tests.utils import FrappeTestCase

import customer_service


class TestWhitelist(FrappeTestCase):
	def test_the_app_re_exports_no_whitelisted_function(self):
		found = []
		for module in pkgutil.walk_packages(customer_service.__path__, "customer_service."):
			if ".tests" in module.name or module.name.endswith(("conftest", ".test_")) or ".test_" in module.name:
				continue
			try:
				mod = importlib.import_module(module.name)
			except Exception:  # a module of a DocType page, or one that needs ERPNext
				continue
			for name, member in inspect.getmembers(mod, inspect.isfunction):
				if member in frappe.whitelisted and not member.__module__.startswith("customer_service"):
					found.append(f"{module.name}.{name} ({member.__module__})")
		self.assertEqual(found, [])

	def test_the_aliases_are_refused_over_http(self):
		from customer_service.tests.factories import make_user
		from customer_service.tests.http_client import PASSWORD, Client

		user = make_user(["CS Agent"], password=PASSWORD).name
		frappe.db.commit()
		client = Client(user)
		for alias in ("customer_service.overrides.desk.frappe_chart_get", "customer_service.overrides.desk.frappe_group_by_count",
					  "customer_service.routing.add_assignment", "customer_service.portal.contractor.apply_workflow"):  # fmt: skip
			response = client.call(alias)
			self.assertNotEqual(response.status_code, 200, alias)
			self.assertNotIn(response.status_code, (500,), f"{alias}: {response.text[:200]}")
