"""Notifications that reached managers by role (every company's) reach the document's company
manager instead, where the admin left the shipped recipients as they were."""

import frappe

from customer_service.setup.notifications import LEGACY_ROLE_RECIPIENTS, NOTIFICATIONS


def execute():
	shipped = {spec["name"]: spec for spec in NOTIFICATIONS}
	for name, roles in LEGACY_ROLE_RECIPIENTS.items():
		if not frappe.db.exists("Notification", name):
			continue
		doc = frappe.get_doc("Notification", name)
		if {row.receiver_by_role for row in doc.recipients if row.receiver_by_role} != set(roles):
			continue  # an admin changed who gets it: theirs
		doc.recipients = [row for row in doc.recipients if not row.receiver_by_role]
		for recipient in shipped[name]["recipients"]:
			if recipient not in [row.as_dict(no_default_fields=True) for row in doc.recipients]:
				doc.append("recipients", recipient)
		doc.flags.ignore_permissions = True
		doc.save()
	for doctype in ("Complaint Topic", "Revisit", "Service Escalation"):
		table, org = frappe.qb.DocType(doctype), frappe.qb.DocType("Service Organization")
		frappe.qb.update(table).join(org).on(org.name == table.company).set(table.company_manager, org.manager).where(
			table.company_manager.isnull()
		).run()
