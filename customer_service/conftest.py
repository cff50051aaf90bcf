"""Integration tests run on a real site: `make test` creates it and sets CS_TEST_SITE.

Tests are FrappeTestCase classes (each class rolls back what it wrote); this
file only opens the site's connection once for the whole session.
"""

import os

import frappe
import pytest


def pytest_configure(config):
	site = os.environ.get("CS_TEST_SITE")
	if not site:
		raise pytest.UsageError("CS_TEST_SITE is not set: run the integration tests with `make test`")
	frappe.init(site=site, sites_path=os.environ.get("CS_SITES_PATH", os.getcwd()))
	frappe.connect()
	frappe.flags.in_test = True
	frappe.flags.mute_emails = True
	frappe.set_user("Administrator")
	ensure_a_system_manager()


def ensure_a_system_manager():
	"""Frappe makes the first System User of a completed site a System Manager; give the site
	one up front so the users the tests create have exactly the roles they ask for."""
	email = "system.manager@cs-test.localhost"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "System Manager",
				"send_welcome_email": 0,
				"roles": [{"role": "System Manager"}],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()


def pytest_unconfigure(config):
	if getattr(frappe.local, "site", None):
		frappe.destroy()
