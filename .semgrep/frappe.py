# Cases for `semgrep --test .semgrep` (the rules of frappe.yml): `ruleid` marks a finding, `ok` none.
import frappe
from frappe import _

from customer_service.permissions import on_stored_record


def sql(name, values):
	# ruleid: frappe-sql-built-from-strings
	frappe.db.sql(f"select * from tabUser where name = '{name}'")
	# ruleid: frappe-sql-built-from-strings
	frappe.db.sql("select * from tabUser where name = '%s'" % name)
	# ok: frappe-sql-built-from-strings
	frappe.db.sql("select * from tabUser where name = %s", name)


def loop(names):
	for name in names:
		frappe.db.set_value("User", name, "enabled", 0)
		# ruleid: frappe-commit-in-loop
		frappe.db.commit()


# ruleid: frappe-whitelisted-method-without-permission-check
@frappe.whitelist()
def leaks(name: str):
	return frappe.get_doc("Service Task", name).as_dict()


# ok: frappe-whitelisted-method-without-permission-check
@frappe.whitelist()
def checks(name: str):
	doc = frappe.get_doc("Service Task", name)
	doc.check_permission("read")
	return doc.as_dict()


class Task:
	# ok: frappe-whitelisted-method-without-permission-check
	@frappe.whitelist()
	@on_stored_record("write")
	def close(self):
		pass


def messages(x):
	# ruleid: frappe-translated-format-inside
	frappe.throw(_(f"Task {x} is closed"))
	# ok: frappe-translated-format-inside
	frappe.throw(_("Task {0} is closed").format(x))
