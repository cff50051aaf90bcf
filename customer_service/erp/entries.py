"""Journal Entries of the app, drafts for the accountant to check and submit:

- an approved compensation: Dr the company's Homeowner Compensation Account (the project's cost
  center), Cr the homeowner's customer on the company's receivable account. Submitting it pays the
  compensation (the workflow's state of category Paid); cancelling it takes the compensation back to
  Approved, and its amendment, once submitted, pays it again;
- a contractor chargeback: Dr the contractor's supplier on the company's payable account, Cr the
  company's Contractor Chargeback Account (the project's cost center).

Only for companies linked to an ERPNext Company (`parties.company_of`); elsewhere the app works as
it does without ERPNext. An entry books a record only when the record points back at it (or at
the entry it amends), for the record's party and amount: an entry that merely names a compensation
pays nothing.
"""

import frappe
from frappe import _
from frappe.utils import flt, nowdate

from customer_service.erp import erpnext_installed
from customer_service.erp.parties import company_of, ensure_cost_center, ensure_customer, ensure_supplier
from customer_service.state_categories import set_state, state_for


class AccountMissingError(frappe.ValidationError):
	pass


class PaidByEntryError(frappe.ValidationError):
	pass


class EntryMismatchError(frappe.ValidationError):
	pass


# the record's link field on Journal Entry → (its DocType, the party type of its party row)
BOOKED = {"cs_compensation": ("Compensation", "Customer"), "cs_service_penalty": ("Service Penalty", "Supplier")}


def missing_accounts(company: str, fieldnames) -> list[str]:
	return [f for f in fieldnames if not frappe.db.get_value("Company", company, f)]


def account_message(company: str, fieldnames) -> str:
	labels = ", ".join(_(frappe.get_meta("Company").get_label(f)) for f in fieldnames)
	return _("Set the {0} of company {1} first (Company › Customer Service or Accounts)").format(labels, company)


def cost_center(project: str | None, company: str) -> str | None:
	return ensure_cost_center(project, company) if project else frappe.db.get_value("Company", company, "cost_center")


def draft_entry(record, link_field: str, remark: str, accounts: tuple[str, ...], rows, strict: bool) -> str | None:
	"""The record's draft entry, when its company is in ERPNext: `rows(company, amount, cost center)`
	with the company's `accounts`. Without them: refused with a message (`strict`), else noted on the
	record for the accountant and left out."""
	if not erpnext_installed() or record.get("journal_entry"):
		return None
	company = company_of(record.company)
	if not company:
		return None
	if missing := missing_accounts(company, accounts):
		if strict:
			frappe.throw(account_message(company, missing), title=_("Account Missing"), exc=AccountMissingError)
		record.add_comment("Info", account_message(company, missing))
		return None
	entry = frappe.get_doc(
		{"doctype": "Journal Entry", "voucher_type": "Journal Entry", "company": company, "posting_date": nowdate(),
		 "user_remark": remark, "accounts": rows(company, flt(record.amount), cost_center(record.project, company)),
		 link_field: record.name}
	)  # fmt: skip
	entry.flags.cs_booking = True
	entry.insert(ignore_permissions=True)
	record.db_set("journal_entry", entry.name)
	return entry.name


def account_of(company: str, fieldname: str) -> str:
	return frappe.db.get_value("Company", company, fieldname)


def compensation_entry(compensation, method=None) -> str | None:
	"""Compensation on_submit (its approval): without the company's accounts the approval waits."""
	return draft_entry(
		compensation,
		"cs_compensation",
		_("Compensation {0} of task {1}: {2}").format(compensation.name, compensation.task, compensation.reason or ""),
		("cs_compensation_account", "default_receivable_account"),
		lambda company, amount, center: [
			{"account": account_of(company, "cs_compensation_account"), "debit_in_account_currency": amount, "cost_center": center},
			{"account": account_of(company, "default_receivable_account"), "party_type": "Customer",
			 "party": ensure_customer(compensation.homeowner), "credit_in_account_currency": amount, "cost_center": center},
		],  # fmt: skip
		strict=True,
	)


def chargeback_entry(penalty) -> str | None:
	"""A chargeback booked against a contractor: against their supplier. Completing the repair never
	waits for the accounts: without them the chargeback says so and has no entry."""
	if penalty.party_type != "Contractor":
		return None
	return draft_entry(
		penalty,
		"cs_service_penalty",
		_("Chargeback {0} to contractor {1} for task {2}").format(penalty.name, penalty.party, penalty.task or ""),
		("default_payable_account", "cs_chargeback_account"),
		lambda company, amount, center: [
			{"account": account_of(company, "default_payable_account"), "party_type": "Supplier",
			 "party": ensure_supplier(penalty.party), "debit_in_account_currency": amount, "cost_center": center},
			{"account": account_of(company, "cs_chargeback_account"), "credit_in_account_currency": amount, "cost_center": center},
		],  # fmt: skip
		strict=False,
	)


def posted(record) -> bool:
	entry = record.get("journal_entry")
	return bool(entry and frappe.db.get_value("Journal Entry", entry, "docstatus") == 1)


def update_chargeback_entry(penalty) -> None:
	"""A corrected chargeback corrects its entry while that is a draft."""
	if not penalty.get("journal_entry"):
		return
	entry = frappe.get_doc("Journal Entry", penalty.journal_entry)
	amount = flt(penalty.amount)
	if entry.docstatus != 0 or all(flt(row.debit_in_account_currency or row.credit_in_account_currency) == amount for row in entry.accounts):
		return
	if len(entry.accounts) != 2:  # the accountant has reworked it: theirs to correct
		penalty.add_comment("Info", _("Correct journal entry {0} to {1}").format(entry.name, frappe.format(amount, {"fieldtype": "Currency"})))
		return
	for row in entry.accounts:
		side = "debit_in_account_currency" if flt(row.debit_in_account_currency) else "credit_in_account_currency"
		row.set(side, amount)
	entry.flags.cs_booking = True
	entry.save(ignore_permissions=True)


def drop_draft_entry(record) -> None:
	"""A cancelled compensation or a removed chargeback takes its draft entries with it (its own and
	any amendment in draft)."""
	if not erpnext_installed():
		return
	link_field = next(field for field, (doctype, _party) in BOOKED.items() if doctype == record.doctype)
	for name in frappe.get_all("Journal Entry", {link_field: record.name, "docstatus": 0}, pluck="name"):
		frappe.delete_doc("Journal Entry", name, ignore_permissions=True, force=True)
	if record.get("journal_entry") and not frappe.db.exists("Journal Entry", record.journal_entry):
		record.db_set("journal_entry", None)


def check_unchanged_once_posted(record, fieldnames) -> None:
	"""The booked amount (and party) of a posted entry's record stay as the entry has them."""
	if record.is_new() or not posted(record):
		return
	before = record.get_doc_before_save()
	changed = [f for f in fieldnames if before and before.get(f) != record.get(f)]
	if changed:
		frappe.throw(
			_("{0} {1} is posted in journal entry {2}: cancel that entry to change it").format(
				_(record.doctype), record.name, record.journal_entry
			),
			title=_("Already Posted"),
			exc=EntryMismatchError,
		)


# -- Journal Entry hooks ------------------------------------------------------------------------------


def booked_record(entry):
	"""The record this entry books, when the record points at it or at the entry it amends."""
	for link_field, (doctype, _party_type) in BOOKED.items():
		name = entry.get(link_field)
		if not name:
			continue
		target = frappe.db.get_value(doctype, name, "journal_entry")
		if target and target in (entry.name, entry.amended_from):
			return frappe.get_doc(doctype, name)
	return None


def check_booking(entry, method=None) -> None:
	"""Journal Entry validate: an entry naming a compensation or chargeback is the one the app made
	(or its amendment), for the record's party and amount, while the record stands (a compensation
	approved, not cancelled); and which record an entry books stays as the app set it."""
	if entry.flags.cs_booking:
		return
	before = None if entry.is_new() else entry.get_doc_before_save()
	for link_field, (doctype, party_type) in BOOKED.items():
		if before and before.get(link_field) != entry.get(link_field):
			frappe.throw(
				_("Which {0} journal entry {1} books is set by customer service").format(_(doctype), entry.name),
				title=_("Not Allowed"),
				exc=EntryMismatchError,
			)
		name = entry.get(link_field)
		if not name:
			continue
		record = booked_record(entry)
		standing = record and (doctype != "Compensation" or (record.docstatus == 1 and record.status_category in ("Approved", "Paid")))
		if not record or record.doctype != doctype or not standing:
			frappe.throw(
				_("Journal entry {0} does not book {1} {2}: the app makes that entry").format(entry.name or "", _(doctype), name),
				title=_("Not Allowed"),
				exc=EntryMismatchError,
			)
		party = ensure_customer(record.homeowner) if doctype == "Compensation" else ensure_supplier(record.party)
		rows = [row for row in entry.accounts if row.party_type == party_type]
		booked = sum(flt(row.credit_in_account_currency if party_type == "Customer" else row.debit_in_account_currency) for row in rows)
		if {row.party for row in rows} != {party} or flt(booked) != flt(record.amount):
			frappe.throw(
				_("Journal entry {0} must book {1} to {2}, as {3} {4} has it").format(
					entry.name or "", frappe.format(record.amount, {"fieldtype": "Currency"}), party, _(doctype), record.name
				),
				title=_("Entry Does Not Match"),
				exc=EntryMismatchError,
			)


def before_journal_entry_cancel(entry, method=None) -> None:
	# the compensation or chargeback the entry books stays (it points at the cancelled entry)
	entry.ignore_linked_doctypes = (*(entry.get("ignore_linked_doctypes") or ()), "Compensation", "Service Penalty")


def on_journal_entry_submit(entry, method=None) -> None:
	record = booked_record(entry)
	if not record:
		return
	if record.journal_entry != entry.name:  # an amendment of the entry takes its place
		record.db_set("journal_entry", entry.name)
	if record.doctype == "Compensation" and record.docstatus == 1 and record.status_category == "Approved":
		set_state(record, state_for("Compensation", "Paid", current=record.status), paid_on=entry.posting_date)
		record.add_comment("Info", _("Paid by journal entry {0}").format(entry.name))


def on_journal_entry_cancel(entry, method=None) -> None:
	record = booked_record(entry)
	if record and record.doctype == "Compensation" and record.journal_entry == entry.name and record.status_category == "Paid":
		set_state(record, state_for("Compensation", "Approved"), paid_on=None)
		record.add_comment("Info", _("Journal entry {0} was cancelled: not paid").format(entry.name))


def check_paid_by_entry(compensation, method=None) -> None:
	"""Compensation before_update_after_submit: with an entry, Paid is the entry's submission."""
	if compensation.get("journal_entry") and compensation.status_category == "Paid":
		if frappe.db.get_value("Journal Entry", compensation.journal_entry, "docstatus") != 1:
			frappe.throw(
				_("Compensation {0} is paid when its journal entry {1} is submitted").format(
					compensation.name, compensation.journal_entry
				),
				title=_("Paid Through Accounts"),
				exc=PaidByEntryError,
			)
