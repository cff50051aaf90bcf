"""The app inside ERPNext (only when ERPNext is installed; the app works without it):

- `fields`: the custom fields the app adds to ERPNext's DocTypes and to its own (links to ERPNext);
- `parties`: Service Organization ↔ Company / Department, Homeowner ↔ Customer, Contractor ↔ Supplier,
  a project's cost center — matched or created on demand through ERPNext's own documents;
- `entries`: an approved compensation's Journal Entry (its submission pays the compensation) and a
  contractor chargeback's Journal Entry against the supplier.
"""

import frappe


def erpnext_installed() -> bool:
	return "erpnext" in frappe.get_installed_apps()
