"""Logging in to the portal with a one-time code, sent by SMS where a gateway is configured, else
by email. Both endpoints are open to guests and rate limited; the answer never says whether an
account exists. Password login (email or mobile number) is Frappe's own `/api/method/login`."""

from __future__ import annotations

import hashlib
import hmac
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from customer_service.identity import InvalidIdentity, normalize_mobile

PORTAL_ROLES = ("Homeowner", "Contractor")
CODE_SECONDS = 600
MAX_TRIES = 5


def find_portal_user(login: str) -> str | None:
	login = (login or "").strip()
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
		return None  # staff log in with their password, not with a portal code
	return user if set(frappe.get_roles(user)) & set(PORTAL_ROLES) else None


def code_key(user: str) -> str:
	return f"cs_portal_login_code:{user}"


def digest(code: str) -> str:
	return hashlib.sha256(code.encode()).hexdigest()


def sms_gateway() -> bool:
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"))


def deliver(user: str, code: str) -> None:
	"""By SMS where a gateway is configured, else by email, at once. A gateway or mail server that
	fails is logged (and the email stays queued for a retry); the guest's answer is the same."""
	message = _("Your login code is {0}; it is valid for {1} minutes.").format(code, CODE_SECONDS // 60)
	mobile = frappe.db.get_value("User", user, "mobile_no")
	try:
		if mobile and sms_gateway():
			from frappe.core.doctype.sms_settings.sms_settings import send_sms

			send_sms([mobile], message)
		else:
			frappe.sendmail(recipients=[user], subject=_("Your login code"), message=message, now=True)
	except Exception:
		frappe.log_error(title=f"Portal login code for {user} not delivered")


# nosemgrep: frappe-whitelisted-method-without-permission-check — a login endpoint: for guests, rate limited
@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=CODE_SECONDS)  # per address
@rate_limit(key="login", limit=3, seconds=CODE_SECONDS)  # per address and login: nobody's phone is flooded
def send_login_code(login: str) -> dict:
	user = find_portal_user(login)
	if user:
		code = f"{secrets.randbelow(10**6):06d}"
		frappe.cache.set_value(code_key(user), {"digest": digest(code), "tries": 0}, expires_in_sec=CODE_SECONDS)
		deliver(user, code)
	return {"message": _("If this is your account, a login code is on its way.")}


# nosemgrep: frappe-whitelisted-method-without-permission-check — a login endpoint: for guests, rate limited
@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=CODE_SECONDS)
def login_with_code(login: str, code: str) -> dict:
	user = find_portal_user(login)
	entry = user and frappe.cache.get_value(code_key(user))
	if not entry or entry["tries"] >= MAX_TRIES:
		frappe.throw(_("The code is wrong or has expired: ask for a new one"), title=_("Login Failed"), exc=frappe.AuthenticationError)
	if not hmac.compare_digest(entry["digest"], digest((code or "").strip())):
		entry["tries"] += 1
		frappe.cache.set_value(code_key(user), entry, expires_in_sec=CODE_SECONDS)
		frappe.throw(_("The code is wrong or has expired: ask for a new one"), title=_("Login Failed"), exc=frappe.AuthenticationError)
	frappe.cache.delete_value(code_key(user))
	frappe.local.login_manager.login_as(user)
	return {"redirect": "/contractor" if "Contractor" in frappe.get_roles(user) else "/owner"}
