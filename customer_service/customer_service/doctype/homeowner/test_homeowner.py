from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from customer_service.customer_service.doctype.homeowner.homeowner import (
	DuplicateHomeownerError,
	InvalidIdentityError,
	get_homeowners_of_unit,
	get_units_of_homeowner,
)
from customer_service.identity import mainland_check_char
from customer_service.tests.factories import (
	make_building,
	make_homeowner,
	make_mainland_id,
	make_unit,
	unique,
)


class TestHomeowner(FrappeTestCase):
	def test_mainland_id_fills_birth_date_and_gender(self):
		number = make_mainland_id(date(1979, 2, 28), male=False)
		owner = make_homeowner(id_number=number.lower())
		self.assertEqual(owner.id_number, number)
		self.assertEqual(str(owner.birth_date), "1979-02-28")
		self.assertEqual(owner.gender, "Female")

	def test_invalid_ids_are_refused_and_nothing_is_written(self):
		valid = make_mainland_id()
		wrong_check = valid[:17] + ("0" if valid[17] != "0" else "1")
		bad_date = "350203" + "19850230" + "123"
		bad_date += mainland_check_char(bad_date)
		before = frappe.db.count("Homeowner")
		for number in (wrong_check, bad_date, valid[:17], "35020319850615123A"):
			with self.assertRaises(InvalidIdentityError, msg=number):
				make_homeowner(id_number=number)
		self.assertEqual(frappe.db.count("Homeowner"), before)

	def test_gender_and_birth_date_must_match_the_id(self):
		number = make_mainland_id(date(1990, 1, 2), male=True)
		with self.assertRaises(InvalidIdentityError):
			make_homeowner(id_number=number, gender="Female")
		with self.assertRaises(InvalidIdentityError):
			make_homeowner(id_number=number, birth_date="1990-01-03")
		owner = make_homeowner(id_number=number, gender="Male", birth_date="1990-01-02")
		self.assertEqual(owner.gender, "Male")

	def test_other_id_types_follow_their_own_rules(self):
		make_homeowner(id_type="Hong Kong/Macau Permit", id_number="H12345678")
		make_homeowner(id_type="Passport", id_number="E12345678")
		make_homeowner(id_type="Unified Social Credit Code", id_number="91350100M000100Y43", homeowner_type="Company")
		for id_type, number in (
			("Hong Kong/Macau Permit", "X12345678"),
			("Taiwan Permit", "1234"),
			("Passport", "AB"),
			("Unified Social Credit Code", "91350100M000100Y44"),
		):
			with self.assertRaises(InvalidIdentityError, msg=number):
				make_homeowner(id_type=id_type, id_number=number)

	def test_same_id_cannot_be_registered_twice(self):
		number = make_mainland_id()
		make_homeowner(id_number=number)
		with self.assertRaises(DuplicateHomeownerError):
			make_homeowner(id_number=number)

	def test_mobile_numbers_are_validated_and_normalised(self):
		owner = make_homeowner(mobile_no="+86 139-0000-1111")
		self.assertEqual(owner.mobile_no, "13900001111")
		self.assertEqual(make_homeowner(mobile_no="+85291234567").mobile_no, "+85291234567")
		for bad in ("12345", "23900001111", "1390000111"):
			with self.assertRaises(InvalidIdentityError, msg=bad):
				make_homeowner(mobile_no=bad)

	def test_co_owners_are_queryable_both_ways(self):
		building = make_building()
		home, shop = make_unit(building, room_no="101"), make_unit(building, room_no="102")
		husband = make_homeowner(units=[home.name, shop.name])
		wife = make_homeowner()
		wife.append("units", {"unit": home.name, "relationship": "Co-owner", "share_percent": 50})
		wife.save()
		self.assertEqual(sorted(get_units_of_homeowner(husband.name)), sorted([home.name, shop.name]))
		self.assertEqual(
			[(o.homeowner, o.relationship) for o in get_homeowners_of_unit(home.name)],
			[(husband.name, "Owner"), (wife.name, "Co-owner")],
		)
		self.assertEqual(frappe.db.get_value("Property Unit", home.name, "primary_homeowner"), husband.name)
		# the husband gives the home up: the co-owner becomes its primary homeowner
		husband.units = [row for row in husband.units if row.unit != home.name]
		husband.save()
		self.assertEqual(frappe.db.get_value("Property Unit", home.name, "primary_homeowner"), wife.name)
		# Report Builder / list filters on the child table work for the reverse direction
		owners = frappe.get_all("Homeowner", filters=[["Homeowner Unit", "unit", "=", shop.name]], pluck="name")
		self.assertEqual(owners, [husband.name])

	def test_a_unit_is_listed_once_per_homeowner(self):
		unit = make_unit()
		with self.assertRaises(frappe.ValidationError):
			make_homeowner(units=[unit.name, unit.name])

	def test_create_portal_user(self):
		email = f"{unique('owner').lower()}@example.com"
		owner = make_homeowner(email=email)
		user_name = owner.create_portal_user()
		owner.reload()
		self.assertEqual(owner.user, user_name)
		user = frappe.get_doc("User", user_name)
		self.assertEqual(user.user_type, "Website User")
		self.assertIn("Homeowner", frappe.get_roles(user_name))
		# asking again links the same user
		self.assertEqual(owner.create_portal_user(), user_name)

	def test_a_staff_account_is_never_turned_into_a_homeowner(self):
		from customer_service.tests.factories import make_user

		staff = make_user(["CS Agent"])
		owner = make_homeowner(email=staff.email)
		with self.assertRaises(frappe.ValidationError):
			owner.create_portal_user()
		self.assertNotIn("Homeowner", frappe.get_roles(staff.name))

	def test_portal_user_needs_an_email(self):
		owner = make_homeowner()
		with self.assertRaises(frappe.ValidationError):
			owner.create_portal_user()
		self.assertFalse(frappe.db.get_value("Homeowner", owner.name, "user"))
