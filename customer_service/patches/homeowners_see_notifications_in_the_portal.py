"""The homeowner's notifications shipped as email only; they are shown in the portal too (a
system notification), where the admin left them as shipped."""

import frappe

from customer_service.setup.notifications import HOMEOWNER_NOTIFICATIONS, NOTIFICATIONS


def execute():
	shipped = {spec["name"]: spec for spec in NOTIFICATIONS}
	for name in HOMEOWNER_NOTIFICATIONS:
		values = frappe.db.get_value("Notification", name, ["subject", "message", "send_system_notification"], as_dict=True)
		if not values or values.send_system_notification:
			continue
		if (values.subject, values.message) != (shipped[name]["subject"], shipped[name]["message"]):
			continue  # an admin rewrote it: theirs
		frappe.db.set_value("Notification", name, "send_system_notification", 1)
