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
	ensure_an_outgoing_email_account(site)
	ensure_a_system_manager()


def ensure_an_outgoing_email_account(site: str):
	"""With emails muted (as in tests) and no outgoing Email Account, Frappe falls back to a dummy
	account without an address and every Notification fails in `formataddr` (seen on a fresh
	ERPNext site whose config had no mail settings; a real, unmuted site without an account just
	queues nothing). `make test` gives its sites a sender; any other site must have one too."""
	from frappe.email.doctype.email_account.email_account import EmailAccount

	if frappe.conf.get("mail_server") or EmailAccount.find_one_by_filters(enable_outgoing=1, default_outgoing=1):
		return
	raise pytest.UsageError(
		f"{site} has no outgoing email: `bench --site {site} set-config mail_server localhost` and "
		f"`set-config auto_email_id noreply@{site}` (make test does this for its sites)"
	)


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
