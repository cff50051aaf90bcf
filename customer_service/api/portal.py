"""Whitelisted portal API (homeowners and contractors): thin, typed; the checks are the portal's
(customer_service/portal/)."""

from __future__ import annotations

import frappe

from customer_service.portal import contractor, homeowner, pages, photos
from customer_service.portal.access import check_portal_user


@frappe.whitelist(methods=["POST"])
def report_problem(unit: str, description: str, problem_category: str | None = None, photos: list[str] | str | None = None) -> dict:
	check_portal_user("homeowner")
	return homeowner.report_problem(unit, description, problem_category, photos)


@frappe.whitelist()
@frappe.read_only()  # a replica serves it where the site has one (read_from_replica)
def my_requests() -> list[dict]:
	check_portal_user("homeowner")
	return homeowner.my_requests()


@frappe.whitelist(methods=["POST"])
def rate_task(task: str, satisfaction: str, comment: str | None = None) -> str:
	check_portal_user("homeowner")
	return homeowner.rate_task(task, satisfaction, comment)


@frappe.whitelist()
@frappe.read_only()  # a replica serves it where the site has one (read_from_replica)
def free_slots(unit: str, day: str) -> list[dict]:
	check_portal_user("homeowner")
	return homeowner.free_slots(unit, day)


@frappe.whitelist(methods=["POST"])
def book_handover(unit: str, appointment: str) -> str:
	check_portal_user("homeowner")
	return homeowner.book_handover(unit, appointment)


@frappe.whitelist(methods=["POST"])
def cancel_handover(handover: str) -> None:
	check_portal_user("homeowner")
	homeowner.cancel_handover(handover)


@frappe.whitelist()
@frappe.read_only()  # a replica serves it where the site has one (read_from_replica)
def my_work(project: str | None = None, status: str | None = None, due_before: str | None = None) -> list[dict]:
	check_portal_user("contractor")
	return contractor.my_work(project, status, due_before)


@frappe.whitelist(methods=["POST"])
def mark_rectified(doctype: str, name: str, note: str, photos: list[str] | str | None = None) -> None:
	check_portal_user("contractor")
	contractor.mark_rectified(doctype, name, note, photos)


@frappe.whitelist(methods=["GET"])
def photo(doctype: str, name: str, file: str) -> None:
	check_portal_user()
	photos.send_photo(doctype, name, file)


@frappe.whitelist(methods=["POST"])
def set_language(language: str) -> None:
	check_portal_user()
	pages.set_language(language)
