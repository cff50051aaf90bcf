"""Homeowners log in to the portal with their mobile number: sites installed before the portal get
Frappe's login by mobile number switched on once (an admin may switch it off again)."""

from customer_service.setup.install import enable_login_by_mobile_number


def execute():
	enable_login_by_mobile_number()
