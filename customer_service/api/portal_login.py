"""Logging in to the portal with a one-time code, sent by SMS where a gateway is configured, else
by email. Password login (email or mobile number) is Frappe's own `/api/method/login`.

Both endpoints are open to guests, so they say nothing about who has an account: every request
for a code gets the same answer at once, and the code goes out after the response (so an
existing account is not slower to answer either). Limits, counted in Redis:
- per address: 20 code requests and 10 login tries in 10 minutes (Frappe's rate limiter);
- per account, however its number is spelt: 3 codes in 10 minutes (more are silently not sent)
  and 10 wrong codes in an hour (then no code logs in until the hour is over); a code logs in once.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from customer_service.identity import InvalidIdentity, normalize_mobile

PORTAL_ROLES = ("Homeowner", "Contractor")
CODE_SECONDS = 600
CODES_PER_WINDOW = 3
FAILURES_PER_HOUR = 10


def find_portal_user(login) -> str | None:
	"""The enabled portal login (a Website User with a portal role) behind an email or a mobile
	number in any spelling; staff log in with their password, never with a code."""
	login = login.strip() if isinstance(login, str) else ""
	if not login:
		return None
	if "@" in login:
		user = frappe.db.get_value("User", {"email": login, "enabled": 1}, "name")
	else:
		try:
			mobile = normalize_mobile(login)
		except InvalidIdentity:
			return None
		user = frappe.db.get_value("User", {"mobile_no": mobile, "enabled": 1}, "name")
	if not user or frappe.db.get_value("User", user, "user_type") != "Website User":
		return None
	return user if set(frappe.get_roles(user)) & set(PORTAL_ROLES) else None


def code_key(user: str) -> str:
	return f"cs_portal_login:code:{user}"


def counter_key(kind: str, user: str) -> str:
	return frappe.cache.make_key(f"cs_portal_login:{kind}:{user}")


def count(kind: str, user: str, seconds: int) -> int:
	"""Add one to the account's counter of `kind` (atomic) and return it; it lives `seconds`."""
	key = counter_key(kind, user)
	value = frappe.cache.incr(key)
	if value == 1:
		frappe.cache.expire(key, seconds)
	return value


def counted(kind: str, user: str) -> int:
	return int(frappe.cache.get(counter_key(kind, user)) or 0)


def digest(code: str) -> str:
	return hashlib.sha256(code.encode()).hexdigest()


def deliver(user: str, code: str) -> None:
	"""By SMS where a gateway is configured, else by email. A gateway or mail server that fails is
	logged (the email stays queued for a retry)."""
	message = _("Your login code is {0}; it is valid for {1} minutes.").format(code, CODE_SECONDS // 60)
	mobile = frappe.db.get_value("User", user, "mobile_no")
	try:
		if mobile and frappe.db.get_single_value("SMS Settings", "sms_gateway_url"):
			from frappe.core.doctype.sms_settings.sms_settings import send_sms

			send_sms([mobile], message, success_msg=False)
		else:
			frappe.sendmail(recipients=[user], subject=_("Your login code"), message=message, now=True)
	except Exception:
		frappe.log_error(title=f"Portal login code for {user} not delivered")
	frappe.db.commit()  # after the response: nothing else will commit it


def after_the_response(fn) -> None:
	if frappe.request and getattr(frappe.request, "after_response", None) is not None:
		frappe.request.after_response.add(fn)
	else:
		fn()


# nosemgrep: frappe-whitelisted-method-without-permission-check — a login endpoint: for guests, rate limited
@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=CODE_SECONDS)
def send_login_code(login: str) -> dict:
	user = find_portal_user(login)
	if user and count("sent", user, CODE_SECONDS) <= CODES_PER_WINDOW:
		code = f"{secrets.randbelow(10**6):06d}"
		frappe.cache.set_value(code_key(user), digest(code), expires_in_sec=CODE_SECONDS)
		after_the_response(functools.partial(deliver, user, code))
	return {"message": _("If this is your account, a login code is on its way.")}


# nosemgrep: frappe-whitelisted-method-without-permission-check — a login endpoint: for guests, rate limited
@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=CODE_SECONDS)
def login_with_code(login: str, code: str) -> dict:
	user = find_portal_user(login)
	code = code.strip() if isinstance(code, str) else ""
	expected = user and counted("failed", user) < FAILURES_PER_HOUR and frappe.cache.get_value(code_key(user))
	if not expected or not hmac.compare_digest(expected, digest(code)):
		if user:
			count("failed", user, 3600)
		frappe.throw(_("The code is wrong or has expired: ask for a new one"), title=_("Login Failed"), exc=frappe.AuthenticationError)
	frappe.cache.delete_value(code_key(user))
	frappe.local.login_manager.login_as(user)
	return {"redirect": "/contractor" if "Contractor" in frappe.get_roles(user) else "/owner"}
