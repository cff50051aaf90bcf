from datetime import date

import pytest

from customer_service.identity import (
	InvalidIdentity,
	check_credit_code,
	check_id,
	check_mainland_id,
	mainland_check_char,
	normalize_mobile,
)

# GB 11643-1999's own example
STANDARD_EXAMPLE = "11010519491231002X"


def with_check(first17: str) -> str:
	return first17 + mainland_check_char(first17)


def test_standard_example_is_valid_and_female():
	facts = check_mainland_id(STANDARD_EXAMPLE)
	assert facts.birth_date == date(1949, 12, 31)
	assert facts.gender == "Female"


def test_odd_17th_digit_is_male():
	assert check_mainland_id(with_check("35020319850615123")).gender == "Male"


def test_lowercase_x_and_spaces_are_normalised():
	assert check_mainland_id("110105 19491231 002x").number == STANDARD_EXAMPLE


@pytest.mark.parametrize(
	"number",
	[
		"11010519491231002",  # 17 characters
		"110105194912310021",  # wrong check digit
		with_check("35020319850230123"),  # 30 February
		with_check("35020318991231123"),  # before 1900
		with_check("35020320991231123"),  # in the future
		"1101051949123100XX",
	],
)
def test_invalid_mainland_ids(number):
	with pytest.raises(InvalidIdentity):
		check_mainland_id(number, today=date(2026, 11, 25))


def test_every_check_char_is_reachable():
	chars = {mainland_check_char(f"{n:017d}") for n in range(0, 200)}
	assert chars == set("10X98765432")


def test_credit_code():
	assert check_credit_code("91350100M000100Y43").number == "91350100M000100Y43"
	with pytest.raises(InvalidIdentity):
		check_credit_code("91350100M000100Y44")
	with pytest.raises(InvalidIdentity):
		check_credit_code("91350100I000100Y43")  # I is not in the alphabet


@pytest.mark.parametrize(
	"id_type,number,ok",
	[
		("Hong Kong/Macau Permit", "H12345678", True),
		("Hong Kong/Macau Permit", "M1234567890", True),
		("Hong Kong/Macau Permit", "A12345678", False),
		("Taiwan Permit", "12345678", True),
		("Taiwan Permit", "1234567", False),
		("Passport", "E12345678", True),
		("Passport", "E1", False),
		("Foreign Permanent Resident ID", "USA350000000001", True),
		("Foreign Permanent Resident ID", "US350000000001", False),
		("Foreign Permanent Resident ID", with_check("93020319850615123"), True),
		("Unknown", "123", False),
	],
)
def test_other_id_types(id_type, number, ok):
	if ok:
		assert check_id(id_type, number).number == number
	else:
		with pytest.raises(InvalidIdentity):
			check_id(id_type, number)


def test_missing_number():
	with pytest.raises(InvalidIdentity):
		check_id("Passport", "  ")


@pytest.mark.parametrize(
	"raw,clean",
	[
		("13912345678", "13912345678"),
		("+86 139 1234 5678", "13912345678"),
		("0086-139-1234-5678", "13912345678"),
		("+852 9123 4567", "+85291234567"),
	],
)
def test_mobile_normalisation(raw, clean):
	assert normalize_mobile(raw) == clean


@pytest.mark.parametrize("raw", ["", "12912345678", "1391234567", "139123456789", "+1"])
def test_invalid_mobiles(raw):
	with pytest.raises(InvalidIdentity):
		normalize_mobile(raw)
