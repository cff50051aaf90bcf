"""Whitelisted portal API (homeowners and contractors): thin, typed; the checks are portal.py's."""

from __future__ import annotations

import frappe

from customer_service import portal
from customer_service.portal import check_portal_user


@frappe.whitelist(methods=["POST"])
def report_problem(unit: str, description: str, problem_category: str | None = None, photos: list[str] | str | None = None) -> dict:
	check_portal_user("homeowner")
	return portal.report_problem(unit, description, problem_category, frappe.parse_json(photos) if photos else None)


@frappe.whitelist()
def my_requests() -> list[dict]:
	check_portal_user("homeowner")
	return portal.my_requests()


@frappe.whitelist(methods=["POST"])
def rate_task(task: str, satisfaction: str, comment: str | None = None) -> str:
	check_portal_user("homeowner")
	return portal.rate_task(task, satisfaction, comment)


@frappe.whitelist()
def free_slots(unit: str, day: str) -> list[dict]:
	check_portal_user("homeowner")
	return portal.free_slots(unit, day)


@frappe.whitelist(methods=["POST"])
def book_handover(unit: str, appointment: str) -> str:
	check_portal_user("homeowner")
	return portal.book_handover(unit, appointment)


@frappe.whitelist(methods=["POST"])
def cancel_handover(handover: str) -> None:
	check_portal_user("homeowner")
	portal.cancel_handover(handover)


@frappe.whitelist()
def my_work(project: str | None = None, status: str | None = None, due_before: str | None = None) -> list[dict]:
	check_portal_user("contractor")
	return portal.my_work(project, status, due_before)


@frappe.whitelist(methods=["POST"])
def mark_rectified(doctype: str, name: str, note: str, photos: list[str] | str | None = None) -> None:
	check_portal_user("contractor")
	portal.mark_rectified(doctype, name, note, frappe.parse_json(photos) if photos else None)


@frappe.whitelist(methods=["POST"])
def set_language(language: str) -> None:
	check_portal_user()
	portal.set_language(language)
