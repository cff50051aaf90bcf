"""Identity documents and phone numbers of homeowners: pure checks, no Frappe.

Each check returns what the number tells (birth date, sex) or raises
`InvalidIdentity` whose `message` is an English sentence with `{0}`
placeholders; callers translate it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from customer_service.domain_error import DomainError

MAINLAND_ID = "Mainland ID Card"
HK_MACAU_PERMIT = "Hong Kong/Macau Permit"
TAIWAN_PERMIT = "Taiwan Permit"
PASSPORT = "Passport"
FOREIGN_PERMANENT_RESIDENT = "Foreign Permanent Resident ID"
CREDIT_CODE = "Unified Social Credit Code"

ID_TYPES = (MAINLAND_ID, HK_MACAU_PERMIT, TAIWAN_PERMIT, PASSPORT, FOREIGN_PERMANENT_RESIDENT, CREDIT_CODE)

# GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"

# GB 32100-2015
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_PATTERNS = {
	HK_MACAU_PERMIT: (re.compile(r"^[HM]\d{8}(\d{2})?$"), "H or M followed by 8 or 10 digits"),
	TAIWAN_PERMIT: (re.compile(r"^\d{8}(\d{2})?$"), "8 or 10 digits"),
	PASSPORT: (re.compile(r"^[A-Z0-9]{5,17}$"), "5 to 17 letters and digits"),
}
_OLD_FOREIGN_PR = re.compile(r"^[A-Z]{3}\d{12}$")

_MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_INTERNATIONAL_MOBILE = re.compile(r"^\+\d{7,15}$")


class InvalidIdentity(DomainError):
	pass


@dataclass(frozen=True)
class IdentityFacts:
	number: str
	birth_date: date | None = None
	gender: str | None = None  # "Male" / "Female"


def normalize(number: str | None) -> str:
	return re.sub(r"[\s-]", "", number or "").upper()


def mainland_check_char(first17: str) -> str:
	return _ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def check_mainland_id(number: str, today: date | None = None) -> IdentityFacts:
	number = normalize(number)
	if not re.fullmatch(r"\d{17}[\dX]", number):
		raise InvalidIdentity("A mainland ID number has 18 characters: 17 digits and a digit or X, not {0}", number)
	try:
		born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
	except ValueError:
		raise InvalidIdentity("ID number {0} holds no valid birth date", number) from None
	today = today or date.today()
	if born.year < 1900 or born > today:
		raise InvalidIdentity("ID number {0} holds no valid birth date", number)
	if mainland_check_char(number[:17]) != number[17]:
		raise InvalidIdentity("The check digit of ID number {0} is wrong", number)
	gender = "Male" if int(number[16]) % 2 else "Female"
	return IdentityFacts(number, born, gender)


def uscc_check_char(first17: str) -> str:
	total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
	return _USCC_CHARS[(31 - total % 31) % 31]


def check_credit_code(number: str) -> IdentityFacts:
	number = normalize(number)
	if len(number) != 18 or any(c not in _USCC_CHARS for c in number):
		raise InvalidIdentity("A unified social credit code has 18 digits and capital letters, not {0}", number)
	if uscc_check_char(number[:17]) != number[17]:
		raise InvalidIdentity("The check character of credit code {0} is wrong", number)
	return IdentityFacts(number)


def check_id(id_type: str, number: str, today: date | None = None) -> IdentityFacts:
	"""Validate `number` as a document of `id_type`; return the facts it holds."""
	number = normalize(number)
	if not number:
		raise InvalidIdentity("ID number is missing")
	if id_type == MAINLAND_ID:
		return check_mainland_id(number, today)
	if id_type == CREDIT_CODE:
		return check_credit_code(number)
	if id_type == FOREIGN_PERMANENT_RESIDENT:
		if _OLD_FOREIGN_PR.fullmatch(number):
			return IdentityFacts(number)
		if number.startswith("9"):  # the 2023 format follows the mainland rules
			return check_mainland_id(number, today)
		raise InvalidIdentity("A foreign permanent resident ID has 3 letters and 12 digits, or 18 characters starting with 9, not {0}", number)
	if id_type in _PATTERNS:
		pattern, _shape = _PATTERNS[id_type]
		if not pattern.fullmatch(number):
			raise InvalidIdentity("{0} is not a valid {1} number", number, id_type)
		return IdentityFacts(number)
	raise InvalidIdentity("Unknown ID type {0}", id_type)


def normalize_mobile(number: str | None) -> str:
	"""Mainland numbers lose +86 and separators; others keep their + and country code."""
	cleaned = re.sub(r"[\s()-]", "", number or "")
	if cleaned.startswith("+86"):
		cleaned = cleaned[3:]
	elif cleaned.startswith("0086"):
		cleaned = cleaned[4:]
	if _MAINLAND_MOBILE.fullmatch(cleaned) or _INTERNATIONAL_MOBILE.fullmatch(cleaned):
		return cleaned
	raise InvalidIdentity("{0} is not a valid mobile number", number or "")
