"""The app inside ERPNext: links and accounting (customer_service/erp/), and the chargeback that
exists with or without ERPNext.

`make test` runs this file on the Frappe-only site (where the app must work with none of it) and on
the ERPNext sites (installed before and after the app). Each test says what holds on the site it
finds; none is skipped.
"""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, nowdate

from customer_service.erp import erpnext_installed
from customer_service.erp.fields import CUSTOM_FIELDS, make_custom_fields
from customer_service.tests.factories import (
	complete,
	make_building,
	make_company,
	make_homeowner,
	make_mainland_id,
	make_mobile,
	make_org,
	make_project,
	make_reception,
	make_task,
	make_unit,
	unique,
)


def workflow_action(compensation: str, action: str):
	return apply_workflow(frappe.get_doc("Compensation", compensation), action)


def erpnext_company() -> str:
	"""The company ERPNext's setup wizard created on the test site."""
	return frappe.db.get_value("Company", {}, "name", order_by="creation")


def leaf_account(company: str, root_type: str) -> str:
	return frappe.db.get_value("Account", {"company": company, "root_type": root_type, "is_group": 0, "account_type": ""}, "name")


class TestERPNextIntegration(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.erp = erpnext_installed()
		cls.company_org = make_company().name
		cls.project = make_project(company=cls.company_org)
		if cls.erp:
			cls.company = erpnext_company()
			frappe.db.set_value("Service Organization", cls.company_org, "erpnext_company", cls.company)
			frappe.db.set_value(
				"Company",
				cls.company,
				{"cs_compensation_account": leaf_account(cls.company, "Expense"), "cs_chargeback_account": leaf_account(cls.company, "Income")},
			)

	def tearDown(self):
		frappe.set_user("Administrator")

	# -- the fields ---------------------------------------------------------------------------

	def test_01_custom_fields_exist_only_with_erpnext_and_keep_an_admins_edit(self):
		names = [(dt, df["fieldname"]) for dt, fields in CUSTOM_FIELDS.items() for df in fields]
		present = [key for key in names if frappe.db.exists("Custom Field", {"dt": key[0], "fieldname": key[1]})]
		if not self.erp:
			self.assertEqual(present, [], "no field points at an ERPNext DocType that is not there")
			self.assertFalse(frappe.get_meta("Homeowner").has_field("customer"))
			return
		self.assertEqual(present, names)
		field = frappe.get_doc("Custom Field", {"dt": "Homeowner", "fieldname": "customer"})
		field.label = "ERP 客户"
		field.save()
		make_custom_fields()  # what `bench migrate` runs (after_migrate)
		self.assertEqual(frappe.db.get_value("Custom Field", field.name, "label"), "ERP 客户")
		field.label = "Customer"
		field.save()
		# ERPNext uninstalled from the site, then installed again
		from customer_service.erp.fields import after_app_install, before_app_uninstall

		before_app_uninstall("erpnext")
		self.assertFalse(frappe.db.exists("Custom Field", {"dt": "Journal Entry", "fieldname": "cs_compensation"}))
		self.assertFalse(frappe.get_meta("Homeowner").has_field("customer"))
		after_app_install("erpnext")
		self.assertEqual([key for key in names if frappe.db.exists("Custom Field", {"dt": key[0], "fieldname": key[1]})], names)

	# -- companies and departments --------------------------------------------------------------

	def test_02_a_company_and_its_department_are_matched_or_created_once(self):
		if not self.erp:
			return
		from customer_service.erp.parties import company_of, ensure_company, ensure_department

		group = frappe.db.get_value("Service Organization", self.company_org, "parent_service_organization")
		same_name = make_org("Company", group, name=frappe.db.get_value("Company", self.company, "company_name")).name
		companies = frappe.db.count("Company")
		self.assertEqual(company_of(same_name), self.company, "matched by name, not created")
		self.assertEqual(frappe.db.get_value("Service Organization", same_name, "erpnext_company"), self.company)
		department = make_org("Department", same_name).name
		first = ensure_department(department)
		self.assertEqual(frappe.db.get_value("Department", first, ["department_name", "company"]),
						 (frappe.db.get_value("Service Organization", department, "organization_name"), self.company))  # fmt: skip
		self.assertEqual(ensure_department(department), first)
		self.assertEqual(frappe.db.count("Department", {"department_name": frappe.db.get_value("Service Organization", department, "organization_name")}), 1)
		self.assertEqual(frappe.db.count("Company"), companies)

		new = make_company(group).name
		created = ensure_company(new)
		self.assertEqual(frappe.db.get_value("Company", created, "company_name"), frappe.db.get_value("Service Organization", new, "organization_name"))
		self.assertTrue(frappe.db.exists("Account", {"company": created}), "with ERPNext's chart of accounts")
		self.assertEqual(ensure_company(new), created)
		self.assertEqual(frappe.db.count("Company"), companies + 1)

	# -- homeowners and customers ---------------------------------------------------------------

	def test_03_a_homeowner_is_a_customer_both_ways(self):
		unit = make_unit(make_building(self.project.name))
		homeowner = make_homeowner([unit.name])
		if not self.erp:
			self.assertIsNone(homeowner.get("customer"))
			return
		from customer_service.erp.parties import customers_of_unit

		customer = frappe.db.get_value("Homeowner", homeowner.name, "customer")
		self.assertTrue(customer, "created on the first save")
		stored = frappe.db.get_value("Customer", customer, ["customer_name", "cs_homeowner", "cs_mobile_no"])
		self.assertEqual(stored, (homeowner.homeowner_name, homeowner.name, homeowner.mobile_no))
		doc = frappe.get_doc("Customer", customer)
		self.assertEqual(doc.get_password("cs_id_number"), homeowner.id_number, "kept, encrypted")
		self.assertNotIn(homeowner.id_number, str(frappe.get_list("Customer", {"name": customer}, ["*"])), "no list shows it")
		self.assertEqual(frappe.get_list("Customer", {"cs_id_number": homeowner.id_number}), [], "nor finds by it")
		self.assertEqual(customers_of_unit(unit.name), [customer], "the unit's sale traces to the customer")

		homeowner.reload()
		homeowner.homeowner_name = unique("改名")
		homeowner.save()
		self.assertEqual(frappe.db.get_value("Customer", customer, "customer_name"), homeowner.homeowner_name)
		self.assertEqual(frappe.db.count("Customer", {"cs_homeowner": homeowner.name}), 1, "never a second one")

		doc = frappe.get_doc("Customer", customer)
		mobile = make_mobile()
		doc.cs_mobile_no = mobile
		doc.save()
		self.assertEqual(frappe.db.get_value("Homeowner", homeowner.name, "mobile_no"), mobile, "the customer's side writes back")

		modified = frappe.db.get_value("Homeowner", homeowner.name, "modified")
		doc.reload()
		doc.cs_id_number = "110101199003071234"  # a wrong check digit
		frappe.db.savepoint("wrong_id")
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		frappe.db.rollback(save_point="wrong_id")  # what the failed request leaves: nothing
		self.assertEqual(frappe.db.get_value("Homeowner", homeowner.name, "id_number"), homeowner.id_number)
		self.assertEqual(frappe.db.get_value("Homeowner", homeowner.name, "modified"), modified)
		self.assertEqual(frappe.get_doc("Customer", customer).get_password("cs_id_number"), homeowner.id_number)

		right = make_mainland_id(born=homeowner.birth_date, male=homeowner.gender == "Male")
		doc.reload()
		doc.cs_id_number = right
		doc.save()
		self.assertEqual(frappe.db.get_value("Homeowner", homeowner.name, "id_number"), right)

		lone = make_homeowner()  # registered by mistake, no unit of theirs
		customer = frappe.db.get_value("Homeowner", lone.name, "customer")
		frappe.delete_doc("Homeowner", lone.name)
		self.assertTrue(frappe.db.exists("Customer", customer), "the customer and its ledger stay")
		self.assertIsNone(frappe.db.get_value("Customer", customer, "cs_homeowner"))

	# -- contractors and suppliers ---------------------------------------------------------------

	def test_04_a_contractor_is_a_supplier_with_its_retention(self):
		contractor = frappe.get_doc(
			{"doctype": "Contractor", "contractor_name": unique("承建商"), "contact_mobile": make_mobile(),
			 "retention_amount": 50000, "scopes": [{"project": self.project.name}]}
		).insert()  # fmt: skip
		if not self.erp:
			self.assertIsNone(contractor.get("supplier"))
			return
		supplier = frappe.db.get_value("Contractor", contractor.name, "supplier")
		self.assertEqual(
			frappe.db.get_value("Supplier", supplier, ["supplier_name", "cs_contractor", "cs_retention_balance"]),
			(contractor.contractor_name, contractor.name, 50000),
		)
		frappe.get_doc(
			{"doctype": "Service Penalty", "task": make_task(make_reception(make_unit(make_building(self.project.name)))).name,
			 "party_type": "Contractor", "party": contractor.name, "amount": 1200, "reason": "逾期"}
		).insert()  # fmt: skip
		self.assertEqual(frappe.db.get_value("Supplier", supplier, "cs_retention_balance"), 48800)
		doc = frappe.get_doc("Supplier", supplier)
		doc.cs_mobile_no = make_mobile()
		doc.save()
		self.assertEqual(frappe.db.get_value("Contractor", contractor.name, "contact_mobile"), doc.cs_mobile_no)
		contractor.reload()
		contractor.email = "site@contractor.example.com"
		contractor.save()
		self.assertEqual(frappe.db.get_value("Supplier", supplier, "cs_mobile_no"), doc.cs_mobile_no, "no loop back")
		self.assertEqual(frappe.db.count("Supplier", {"cs_contractor": contractor.name}), 1)

	# -- compensations ------------------------------------------------------------------------

	def compensation(self, amount=600):
		unit = make_unit(make_building(self.project.name))
		task = make_task(make_reception(unit, homeowner=make_homeowner([unit.name]).name))
		doc = frappe.get_doc(
			{"doctype": "Compensation", "task": task.name, "amount": amount, "reason": "延期维修补偿"}
		).insert()
		for action in ("Submit for Approval", "Approve"):
			doc = apply_workflow(frappe.get_doc("Compensation", doc.name), action)
		return doc

	def test_05_an_approved_compensation_is_paid_by_its_journal_entry(self):
		doc = self.compensation(600)
		if not self.erp:
			self.assertEqual(apply_workflow(doc, "Mark Paid").status_category, "Paid", "marked paid by hand")
			return
		entry = frappe.get_doc("Journal Entry", frappe.db.get_value("Compensation", doc.name, "journal_entry"))
		self.assertEqual((entry.docstatus, entry.company, entry.cs_compensation), (0, self.company, doc.name))
		rows = {(row.account, row.party_type or "", flt(row.debit_in_account_currency), flt(row.credit_in_account_currency)) for row in entry.accounts}
		customer = frappe.db.get_value("Homeowner", doc.homeowner, "customer")
		self.assertEqual(rows, {
			(frappe.db.get_value("Company", self.company, "cs_compensation_account"), "", 600, 0),
			(frappe.db.get_value("Company", self.company, "default_receivable_account"), "Customer", 0, 600),
		})  # fmt: skip
		self.assertEqual({row.party for row in entry.accounts if row.party}, {customer})
		cost_center = frappe.db.get_value("Property Project", self.project.name, "cost_center")
		self.assertEqual({row.cost_center for row in entry.accounts}, {cost_center})
		self.assertEqual(frappe.db.get_value("Cost Center", cost_center, "cost_center_name"), self.project.project_name)

		frappe.db.savepoint("mark_paid")
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc("Compensation", doc.name), "Mark Paid")  # the entry pays it
		frappe.db.rollback(save_point="mark_paid")
		self.assertEqual(frappe.db.get_value("Compensation", doc.name, "status_category"), "Approved")

		entry.submit()
		self.assertEqual(frappe.db.get_value("Compensation", doc.name, ["status_category", "paid_on"]), ("Paid", entry.posting_date))
		entry.reload()
		entry.cancel()
		self.assertEqual(frappe.db.get_value("Compensation", doc.name, ["status_category", "paid_on"]), ("Approved", None))

		other = self.compensation(300)
		self.assertEqual(
			frappe.db.get_value("Journal Entry", frappe.db.get_value("Compensation", other.name, "journal_entry"), "cs_compensation"),
			other.name,
		)
		self.assertEqual(frappe.db.get_value("Property Project", self.project.name, "cost_center"), cost_center, "one cost center per project")

	def test_06_a_missing_account_stops_the_approval_with_a_clear_message(self):
		if not self.erp:
			return
		from customer_service.erp.entries import AccountMissingError

		account = frappe.db.get_value("Company", self.company, "cs_compensation_account")
		frappe.db.set_value("Company", self.company, "cs_compensation_account", None)
		try:
			entries = frappe.db.count("Journal Entry")
			with self.assertRaises(AccountMissingError) as raised:
				self.compensation(100)
			self.assertIn(self.company, str(raised.exception))
			self.assertEqual(frappe.db.count("Journal Entry"), entries)
		finally:
			frappe.db.set_value("Company", self.company, "cs_compensation_account", account)

	# -- chargebacks (with or without ERPNext) -------------------------------------------------

	def test_07_a_repair_at_the_contractors_cost_is_charged_to_the_retention(self):
		building = make_building(self.project.name, completion_date=add_days(nowdate(), -300))
		contractor = frappe.get_doc(
			{"doctype": "Contractor", "contractor_name": unique("防水"), "retention_amount": 20000,
			 "scopes": [{"project": self.project.name, "problem_category": "防水渗漏"}]}
		).insert()  # fmt: skip
		unit = make_unit(building, room_no=unique("R"), status="Delivered", delivery_date=add_days(nowdate(), -100))
		task = make_task(make_reception(unit), problem_category="卫生间渗漏")
		self.assertEqual((task.cost_bearer, task.contractor), ("Contractor", contractor.name))
		task.repair_cost = 1500
		task.save()
		self.assertFalse(frappe.db.exists("Service Penalty", {"task": task.name}), "charged on completion, not before")
		task = complete(frappe.get_doc("Service Task", task.name))
		penalty = frappe.get_doc("Service Penalty", {"task": task.name, "penalty_type": "Chargeback"})
		self.assertEqual((penalty.party_type, penalty.party, flt(penalty.amount)), ("Contractor", contractor.name, 1500))
		self.assertEqual(frappe.db.get_value("Contractor", contractor.name, "retention_balance"), 18500)

		task.reload()
		task.repair_cost = 1800  # corrected after completion
		task.save()
		self.assertEqual(frappe.db.count("Service Penalty", {"task": task.name}), 1)
		self.assertEqual(frappe.db.get_value("Contractor", contractor.name, "retention_balance"), 18200)
		if not self.erp:
			return
		penalty.reload()
		entry = frappe.get_doc("Journal Entry", penalty.journal_entry)
		supplier = frappe.db.get_value("Contractor", contractor.name, "supplier")
		self.assertEqual((entry.docstatus, entry.cs_service_penalty), (0, penalty.name))
		self.assertEqual(
			{(row.party_type or "", row.party or "", flt(row.debit_in_account_currency), flt(row.credit_in_account_currency)) for row in entry.accounts},
			{("Supplier", supplier, 1800, 0), ("", "", 0, 1800)},
			"the draft follows the corrected cost",
		)
		self.assertEqual(frappe.db.get_value("Supplier", supplier, "cs_retention_balance"), 18200)

	def test_08_a_repair_at_the_developers_cost_charges_nobody(self):
		task = complete(make_task(make_reception(make_unit(make_building(self.project.name))), repair_cost=900))
		self.assertNotEqual(task.cost_bearer, "Contractor")
		self.assertFalse(frappe.db.exists("Service Penalty", {"task": task.name}))

	def test_09_an_entry_or_customer_that_only_names_a_record_is_refused(self):
		"""An ERPNext user who sets the app's link fields on an entry or customer of their own does not
		pay someone's compensation, nor rename or re-number someone's homeowner."""
		if not self.erp:
			return
		compensation = self.compensation(250)
		homeowner = frappe.get_doc("Homeowner", compensation.homeowner)
		from customer_service.erp.entries import EntryMismatchError

		entries = frappe.db.count("Journal Entry")
		with self.assertRaises(EntryMismatchError):
			frappe.get_doc(
				{"doctype": "Journal Entry", "company": self.company, "posting_date": nowdate(), "cs_compensation": compensation.name,
				 "accounts": [
					{"account": frappe.db.get_value("Company", self.company, "cs_compensation_account"), "debit_in_account_currency": 1},
					{"account": frappe.db.get_value("Company", self.company, "default_receivable_account"), "party_type": "Customer",
					 "party": homeowner.customer, "credit_in_account_currency": 1},
				 ]}
			).insert()  # fmt: skip
		self.assertEqual(frappe.db.count("Journal Entry"), entries)
		# the app's own draft, edited to pay someone else or another amount, is refused too
		draft = frappe.get_doc("Journal Entry", frappe.db.get_value("Compensation", compensation.name, "journal_entry"))
		for row in draft.accounts:
			if row.party_type == "Customer":
				row.credit_in_account_currency = 9999
		draft.accounts[0].debit_in_account_currency = 9999
		with self.assertRaises(EntryMismatchError):
			draft.save()
		copy = frappe.copy_doc(frappe.get_doc("Journal Entry", draft.name))
		copy.cs_compensation = compensation.name
		with self.assertRaises(EntryMismatchError):
			copy.insert()
		self.assertEqual(frappe.db.get_value("Compensation", compensation.name, "status_category"), "Approved")

		customers = frappe.db.count("Customer")
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": "Customer", "customer_name": "冒名顶替", "customer_type": "Individual", "cs_homeowner": homeowner.name,
				 "cs_mobile_no": make_mobile()}
			).insert()  # fmt: skip
		self.assertEqual(frappe.db.count("Customer"), customers)
		other = frappe.get_doc({"doctype": "Customer", "customer_name": "别人", "customer_type": "Individual"}).insert()
		other.cs_homeowner = homeowner.name
		with self.assertRaises(frappe.PermissionError):
			other.save()
		self.assertEqual(
			frappe.db.get_value("Homeowner", homeowner.name, ["homeowner_name", "mobile_no", "customer"]),
			(homeowner.homeowner_name, homeowner.mobile_no, homeowner.customer),
		)

	def test_10_an_amended_entry_pays_and_a_cancelled_compensation_drops_its_draft(self):
		if not self.erp:
			return
		doc = self.compensation(420)
		first = frappe.get_doc("Journal Entry", frappe.db.get_value("Compensation", doc.name, "journal_entry"))
		first.submit()
		first.cancel()
		self.assertEqual(frappe.db.get_value("Compensation", doc.name, "status_category"), "Approved")
		amended = frappe.copy_doc(first)
		amended.docstatus, amended.amended_from = 0, first.name
		amended.cs_compensation = doc.name
		amended.insert()
		amended.submit()
		self.assertEqual(
			frappe.db.get_value("Compensation", doc.name, ["status_category", "journal_entry"]), ("Paid", amended.name),
			"the amendment takes the cancelled entry's place",
		)

		other = self.compensation(80)
		draft = frappe.db.get_value("Compensation", other.name, "journal_entry")
		other.reload()
		other.cancel()
		self.assertFalse(frappe.db.exists("Journal Entry", draft), "nothing left to pay a cancelled compensation")

	def test_11_chargebacks_follow_the_cost_and_never_hold_up_the_repair(self):
		project = make_project(company=self.company_org).name  # its own contractor, no other's scope
		building = make_building(project, completion_date=add_days(nowdate(), -300))
		contractor = frappe.get_doc(
			{"doctype": "Contractor", "contractor_name": unique("防水"), "retention_amount": 10000,
			 "scopes": [{"project": project, "problem_category": "防水渗漏"}]}
		).insert()  # fmt: skip
		unit = make_unit(building, room_no=unique("R"), status="Delivered", delivery_date=add_days(nowdate(), -100))
		task = make_task(make_reception(unit), problem_category="卫生间渗漏", repair_cost=700)
		account = frappe.db.get_value("Company", self.company, "cs_chargeback_account") if self.erp else None
		if self.erp:
			frappe.db.set_value("Company", self.company, "cs_chargeback_account", None)
		try:
			task = complete(task)  # completes though the company has no chargeback account
		finally:
			if self.erp:
				frappe.db.set_value("Company", self.company, "cs_chargeback_account", account)
		self.assertEqual(task.status_category, "Completed")
		penalty = frappe.get_doc("Service Penalty", {"task": task.name, "penalty_type": "Chargeback"})
		self.assertEqual(frappe.db.get_value("Contractor", contractor.name, "retention_balance"), 9300)
		if self.erp:
			self.assertFalse(penalty.journal_entry)
			self.assertTrue(frappe.db.exists("Comment", {"reference_name": penalty.name, "content": ("like", f"%{self.company}%")}))
		task.reload()
		task.repair_cost = 0  # the contractor's cost after all: nothing to charge
		task.save()
		self.assertFalse(frappe.db.exists("Service Penalty", penalty.name))
		self.assertEqual(frappe.db.get_value("Contractor", contractor.name, "retention_balance"), 10000)

	def test_12_a_cancelled_compensation_is_paid_by_no_entry(self):
		if not self.erp:
			return
		from customer_service.erp.entries import EntryMismatchError

		doc = self.compensation(330)
		entry = frappe.get_doc("Journal Entry", frappe.db.get_value("Compensation", doc.name, "journal_entry"))
		entry.cs_compensation = None  # the accountant unhooks the draft to change it freely
		with self.assertRaises(EntryMismatchError):
			entry.save()
		entry.reload()
		entry.submit()
		entry.cancel()
		doc = workflow_action(doc.name, "Cancel")
		self.assertEqual(doc.status_category, "Cancelled")
		amended = frappe.copy_doc(entry)
		amended.docstatus, amended.amended_from, amended.cs_compensation = 0, entry.name, doc.name
		with self.assertRaises(frappe.ValidationError):  # a cancelled record books nothing
			amended.insert()
		self.assertEqual(frappe.db.get_value("Compensation", doc.name, "status_category"), "Cancelled")

	def test_13_a_chargeback_follows_the_contractor_and_the_accounts(self):
		project = make_project(company=self.company_org).name
		building = make_building(project, completion_date=add_days(nowdate(), -300))
		first, second = (
			frappe.get_doc(
				{"doctype": "Contractor", "contractor_name": unique("防水"), "retention_amount": 5000,
				 "scopes": [{"project": project, "problem_category": "防水渗漏"}]}
			).insert().name
			for _ in range(2)
		)  # fmt: skip
		unit = make_unit(building, room_no=unique("R"), status="Delivered", delivery_date=add_days(nowdate(), -100))
		task = complete(make_task(make_reception(unit), problem_category="卫生间渗漏", repair_cost=400))
		charged = frappe.db.get_value("Service Task", task.name, "contractor")
		other = second if charged == first else first
		task.reload()
		task.contractor = other  # it was the other contractor's work after all
		task.save()
		self.assertEqual(frappe.db.get_value("Contractor", charged, "retention_balance"), 5000)
		self.assertEqual(frappe.db.get_value("Contractor", other, "retention_balance"), 4600)
		if not self.erp:
			return
		penalty = frappe.get_doc("Service Penalty", {"task": task.name, "party": other})
		entry = frappe.get_doc("Journal Entry", penalty.journal_entry)
		entry.submit()
		entry.cancel()
		task.reload()
		task.repair_cost = 0  # nothing to charge: the cancelled entry keeps the chargeback's history
		task.save()
		self.assertEqual(frappe.db.get_value("Service Penalty", penalty.name, "amount"), 0)
		self.assertEqual(frappe.db.get_value("Contractor", other, "retention_balance"), 5000)
