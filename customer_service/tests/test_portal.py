"""The homeowner and contractor portal over HTTP, as a phone uses it: its pages, their form posts
(the portal API) and the guest endpoints of its login, against a served site.

The world: one company, one handover round with one place at 09:00; homeowners A and B with a
unit each in the same building (the sharpest case: same company, same round), contractors C and
D with a defect each. Every refusal is checked on the database: nothing written, nothing moved.
"""

from __future__ import annotations

import re
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from customer_service.tests.factories import (
	PNG,
	allow_organization,
	complete,
	make_building,
	make_company,
	make_contractor,
	make_defect,
	make_portal_homeowner,
	make_project,
	make_reception,
	make_round,
	make_task,
	make_unit,
	make_user,
	move,
)
from customer_service.tests.http_client import PASSWORD, Client

PORTAL = "customer_service.api.portal"
LOGIN = "customer_service.api.portal_login"
CJK = re.compile(r"[\u4e00-\u9fff]")


def upload(client: Client, name: str = "leak.png", content: bytes | None = None) -> str:
	"""A photo from the phone (each one different), uploaded the way the portal's pages upload it."""
	content = content or PNG + frappe.generate_hash().encode()
	response = client.request(
		"POST", "/api/method/upload_file", data={"is_private": 1}, files={"file": (name, content)}
	)
	assert response.status_code == 200, response.text[:300]
	return Client.message(response)["file_url"]


def error_text(response) -> str:
	return response.text.encode().decode("unicode_escape", errors="ignore")


def mail_text(message: str) -> str:
	"""The readable text of a queued email (its parts decoded)."""
	from email import message_from_string

	return "".join(
		part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
		for part in message_from_string(message).walk()
		if part.get_content_maintype() == "text"
	)


def queued_codes(email: str) -> list[str]:
	"""The login codes queued for an email address, oldest first."""
	parents = frappe.get_all("Email Queue Recipient", {"recipient": email}, pluck="parent", order_by="creation")
	messages = [mail_text(frappe.db.get_value("Email Queue", p, "message") or "") for p in parents]
	return [m.group(1) for m in (re.search(r"验证码是 (\d{6})", text) for text in messages) if m]


def wait_for_code(email: str, before: list[str], count: int = 1) -> str:
	"""The newest code once `count` codes more than `before` are queued (they go out after the
	response, so the test waits a moment for them)."""
	for _ in range(50):
		frappe.db.rollback()
		codes = queued_codes(email)
		if len(codes) >= len(before) + count:
			return codes[-1]
		time.sleep(0.1)
	raise AssertionError(f"no login code for {email}")


def next_working_day(after: int = 2) -> str:
	"""A day of the coming week that is neither in the past nor a weekend (slots exist every day;
	the weekday keeps the test readable)."""
	day = getdate(add_days(nowdate(), after))
	while day.weekday() >= 5:
		day = getdate(add_days(day, 1))
	return str(day)


class World:
	def __init__(self):
		company = make_company().name
		self.responder = make_user(["CS Agent"], password=PASSWORD).name
		allow_organization(self.responder, company)
		frappe.db.set_value("Service Organization", company, "portal_responder", self.responder)
		self.agent = self.responder
		self.project = make_project(company=company).name
		building = make_building(self.project)
		self.unit_a, self.unit_a2, self.unit_b = (make_unit(building, room_no=r).name for r in ("101", "102", "201"))
		self.homeowner_a = make_portal_homeowner([self.unit_a, self.unit_a2], PASSWORD)
		self.homeowner_b = make_portal_homeowner([self.unit_b], PASSWORD)
		self.round = make_round(
			self.project, [building.name], round_type="Handover", inspectors=["Administrator"], slots=[("09:00:00", 1)]
		).name
		self.contractor_users = {}
		self.contractors = {}
		for key in ("c", "d"):
			user = make_user(["Contractor"], password=PASSWORD, user_type="Website User").name
			self.contractor_users[key] = user
			self.contractors[key] = make_contractor([{"project": self.project}], user=user).name
		self.defect_c = make_defect(self.round, self.unit_a, contractor=self.contractors["c"], description="客厅墙面裂缝")
		self.defect_c.dispatch()
		self.defect_d = make_defect(self.round, self.unit_b, contractor=self.contractors["d"], description="次卧地面空鼓")
		self.defect_d.dispatch()
		self.done_a = [complete(make_task(self.reception(self.unit_a))).name for _ in range(3)]
		self.done_b = complete(make_task(self.reception(self.unit_b))).name
		self.open_a = make_task(self.reception(self.unit_a)).name
		# a repair the contractor does without an inspection behind it
		task = make_task(self.reception(self.unit_a), contractor=self.contractors["c"])
		task.responsible_user = "Administrator"
		task.save()
		self.task_c = move(task, "Assign", "Reply", "Agree Solution").name
		# work of C's not dispatched yet: a task still to assign, a defect still to dispatch
		self.undispatched = (
			make_task(self.reception(self.unit_a), contractor=self.contractors["c"]).name,
			make_defect(self.round, self.unit_a2, contractor=self.contractors["c"], description="未派单的缺陷").name,
		)
		frappe.db.commit()

	def reception(self, unit: str):
		"""A call of the unit's homeowner at the hotline."""
		homeowner = self.homeowner_a if unit in (self.unit_a, self.unit_a2) else self.homeowner_b
		return make_reception(frappe.get_doc("Property Unit", unit), homeowner=homeowner.name)


class TestPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = World()
		cls.a = Client(cls.w.homeowner_a.user)
		cls.b = Client(cls.w.homeowner_b.user)
		cls.c = Client(cls.w.contractor_users["c"])
		cls.d = Client(cls.w.contractor_users["d"])

	def setUp(self):
		frappe.cache.delete_keys("rl:")  # the login endpoints' rate limits start afresh
		frappe.cache.delete_keys("cs_portal_login:")

	# -- logging in --------------------------------------------------------------------

	def test_01_homeowners_log_in_with_their_mobile_number_and_never_reach_the_desk(self):
		client = Client(None)
		response = client.request(
			"POST", "/api/method/login", data={"usr": self.w.homeowner_a.mobile_no, "pwd": PASSWORD}
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertEqual(response.json().get("home_page"), "/owner")
		self.assertEqual(client.get("/owner").status_code, 200)
		desk = client.get("/app")
		self.assertEqual(desk.status_code, 403, "Frappe keeps website users out of the desk")
		self.assertNotIn('"roles"', desk.text)

	def test_02_a_one_time_code_logs_in_and_says_nothing_about_other_accounts(self):
		email = self.w.homeowner_a.user
		guest = Client(None)
		before = queued_codes(email)
		answer = guest.call(f"{LOGIN}.send_login_code", login=self.w.homeowner_a.mobile_no)
		self.assertEqual(answer.status_code, 200, answer.text[:300])
		for login in ("13900000001", "nobody@example.com", self.w.agent):  # unknown, unknown, staff
			other = guest.call(f"{LOGIN}.send_login_code", login=login)
			self.assertEqual((other.status_code, other.content), (200, answer.content), "the same answer, byte for byte")
		code = wait_for_code(email, before)
		self.assertEqual(len(queued_codes(email)), len(before) + 1, "one code, to the homeowner only")
		self.assertFalse(frappe.db.exists("Email Queue Recipient", {"recipient": self.w.agent, "creation": (">", add_days(nowdate(), -1))}))

		wrong = guest.call(f"{LOGIN}.login_with_code", login=self.w.homeowner_a.mobile_no, code=f"{(int(code) + 1) % 10**6:06d}")
		self.assertEqual(wrong.status_code, 401)
		self.assertIn(guest.request("GET", "/owner", allow_redirects=False).status_code, (301, 302), "still a guest")
		right = guest.call(f"{LOGIN}.login_with_code", login=self.w.homeowner_a.mobile_no, code=code)
		self.assertEqual(right.status_code, 200, right.text[:300])
		self.assertEqual(Client.message(right)["redirect"], "/owner")
		page = guest.get("/owner")
		self.assertEqual(page.status_code, 200)
		self.assertIn(self.w.unit_a, page.text)
		again = Client(None).call(f"{LOGIN}.login_with_code", login=self.w.homeowner_a.mobile_no, code=code)
		self.assertEqual(again.status_code, 401, "a code logs in once")

	def test_03_codes_are_limited_per_account_however_the_number_is_spelt(self):
		guest = Client(None)
		email, mobile = self.w.homeowner_b.user, self.w.homeowner_b.mobile_no
		before = queued_codes(email)
		spellings = (mobile, f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}", f"+86{mobile}", f"{mobile[:3]}-{mobile[3:]}", f"0086 {mobile}")
		answers = [guest.call(f"{LOGIN}.send_login_code", login=login) for login in spellings]
		self.assertEqual([a.status_code for a in answers], [200] * 5, "the answer does not tell")
		wait_for_code(email, before, count=3)
		time.sleep(1)
		self.assertEqual(len(queued_codes(email)), len(before) + 3, "three codes per account in ten minutes")
		# ten wrong codes an hour, then not even the right one logs in
		code = wait_for_code(email, before, count=3)
		for _ in range(10):
			frappe.cache.delete_keys("rl:")
			self.assertEqual(guest.call(f"{LOGIN}.login_with_code", login=f"+86{mobile}", code="000000").status_code, 401)
		frappe.cache.delete_keys("rl:")
		self.assertEqual(guest.call(f"{LOGIN}.login_with_code", login=mobile, code=code).status_code, 401)

	def test_03b_the_guest_endpoints_are_rate_limited_per_address(self):
		guest = Client(None)
		sends = [guest.call(f"{LOGIN}.send_login_code", login=f"1390000{n:04d}").status_code for n in range(21)]
		self.assertEqual(sends[-1], 429)
		self.assertTrue(all(status == 200 for status in sends[:20]), sends)
		tries = [guest.call(f"{LOGIN}.login_with_code", login="13900000001", code="000000").status_code for _ in range(11)]
		self.assertEqual(tries[-1], 429)
		self.assertTrue(all(status == 401 for status in tries[:10]), tries)

	def test_03c_after_logging_in_the_portal_sends_one_only_into_this_site(self):
		for target in ("//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/x", "javascript:alert(1)"):
			response = self.a.request("GET", "/owner/login", params={"redirect-to": target}, allow_redirects=False)
			self.assertIn(response.status_code, (301, 302), target)
			self.assertNotIn("evil", response.headers["Location"], target)
			self.assertTrue(response.headers["Location"].rstrip("/").endswith("/owner"), response.headers["Location"])
		page = Client(None).get("/owner/login", {"redirect-to": "/\t/evil.example"})
		self.assertNotIn("evil", page.text)
		response = self.a.request("GET", "/owner/login", params={"redirect-to": "/owner/requests"}, allow_redirects=False)
		self.assertTrue(response.headers["Location"].endswith("/owner/requests"))

	def test_04_pages_need_the_right_login(self):
		guest = Client(None)
		for page in ("/owner", "/owner/report", "/owner/requests", "/owner/handover", "/contractor"):
			response = guest.request("GET", page, allow_redirects=False)
			self.assertIn(response.status_code, (301, 302), page)
			self.assertIn("/owner/login", response.headers["Location"])
		self.assertEqual(guest.get("/owner/login").status_code, 200)
		self.assertIn("/contractor", self.c.request("GET", "/owner", allow_redirects=False).headers.get("Location", ""))
		self.assertIn("/owner", self.a.request("GET", "/contractor", allow_redirects=False).headers.get("Location", ""))
		staff = Client(self.w.agent)
		self.assertEqual(staff.get("/owner").status_code, 403)
		self.assertEqual(staff.get("/contractor").status_code, 403)
		for method, args in (
			("report_problem", {"unit": self.w.unit_a, "description": "x"}),
			("my_requests", {}),
			("rate_task", {"task": self.w.done_a[0], "satisfaction": "Satisfied"}),
			("my_work", {}),
		):
			for client in (guest, staff):
				self.assertIn(client.call(f"{PORTAL}.{method}", **args).status_code, (401, 403), f"{client.user} {method}")
			other_kind = self.c if method != "my_work" else self.a
			self.assertEqual(other_kind.call(f"{PORTAL}.{method}", **args).status_code, 403, f"{other_kind.user} {method}")

	# -- reporting a problem -----------------------------------------------------------------

	def test_05_a_problem_reported_with_a_photo(self):
		url = upload(self.a)
		response = self.a.call(
			f"{PORTAL}.report_problem",
			unit=self.w.unit_a,
			description='<script>alert("x")</script>主卧窗台<b>渗水</b>',
			problem_category="铝窗渗水",
			photos=[url],
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		answer = Client.message(response)
		frappe.db.rollback()
		reception = frappe.get_doc("Service Reception", answer["reception"])
		self.assertEqual(
			(reception.channel, reception.homeowner, reception.unit, reception.received_by),
			("Portal", self.w.homeowner_a.name, self.w.unit_a, self.w.responder),
		)
		self.assertNotIn("<", reception.content)
		self.assertIn("主卧窗台渗水", reception.content)
		file = frappe.get_doc("File", {"file_url": url})
		self.assertEqual((file.attached_to_doctype, file.attached_to_name, file.is_private), ("Service Reception", reception.name, 1))
		task = frappe.get_doc("Service Task", answer["task"])
		self.assertEqual((task.reception, task.homeowner, task.problem_category), (reception.name, self.w.homeowner_a.name, "铝窗渗水"))
		self.assertTrue(task.response_by and task.resolution_by, "the intake SLA applies")
		self.assertIn(reception.name, answer["next"])
		self.assertTrue(CJK.search(answer["next"]), "the answer is in the homeowner's language")
		# the photo is the homeowner's to see, and nobody else's
		self.assertEqual(self.a.get(url).status_code, 200)
		for other in (self.b, self.c):
			self.assertEqual(other.get(url).status_code, 403)
		page = self.a.get("/owner/requests").text
		self.assertIn(reception.name, page)
		self.assertNotIn("<script>alert", page)

	def test_06_refused_reports_write_nothing(self):
		own_photo = upload(self.a)
		b_photo = upload(self.b)
		text_file = upload(self.a, "notes.txt", b"not a photo")
		count = lambda: (frappe.db.count("Service Reception"), frappe.db.count("Service Task"))  # noqa: E731
		for args, status in (
			({"unit": self.w.unit_b, "description": "别人家的房子", "photos": [own_photo]}, 403),
			({"unit": self.w.unit_a, "description": "用别人的照片", "photos": [b_photo]}, 403),
			({"unit": self.w.unit_a, "description": "不是照片", "photos": [text_file]}, 417),
			({"unit": self.w.unit_a, "description": "<p> </p>"}, 417),
			({"unit": self.w.unit_a, "description": "太多照片", "photos": [own_photo] * 7}, 417),
			({"unit": self.w.unit_a, "description": "乱选类别", "problem_category": "防水渗漏"}, 417),
		):
			before = count()
			response = self.a.call(f"{PORTAL}.report_problem", **args)
			frappe.db.rollback()
			self.assertEqual(response.status_code, status, f"{args}: {response.text[:300]}")
			self.assertTrue(CJK.search(error_text(response)), f"a translated message: {response.text[:300]}")
			self.assertEqual(count(), before, args)
		self.assertFalse(frappe.db.get_value("File", {"file_url": own_photo}, "attached_to_name"), "the photo stays unattached")
		self.assertFalse(frappe.db.get_value("File", {"file_url": b_photo}, "attached_to_name"))

	# -- my requests and ratings -----------------------------------------------------------------

	def test_07_my_requests_are_mine_with_a_timeline(self):
		requests = Client.message(self.a.get(f"/api/method/{PORTAL}.my_requests"))
		tasks = {task["name"]: task for reception in requests for task in reception["tasks"]}
		self.assertTrue(set(self.w.done_a) <= set(tasks))
		self.assertNotIn(self.w.done_b, tasks)
		self.assertEqual({r["unit"] for r in requests}, {self.w.unit_a})
		done = tasks[self.w.done_a[0]]
		self.assertEqual(
			[(step["label"], step["done"]) for step in done["timeline"]],
			[("已受理", True), ("已派单", True), ("已预约上门", False), ("已完成", True), ("已关闭", False)],
		)
		self.assertTrue(done["can_rate"])
		self.assertNotIn("@", done["handled_by"] or "", "who is on it, by name only")
		self.assertNotIn(self.w.done_b, self.a.get("/owner/requests").text)

	def test_08_a_completed_task_is_rated_once(self):
		task = self.w.done_a[0]
		response = self.a.call(f"{PORTAL}.rate_task", task=task, satisfaction="Satisfied", comment="<i>师傅</i>很专业")
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		revisit = frappe.get_doc("Revisit", Client.message(response))
		self.assertEqual(
			(revisit.task, revisit.method, revisit.satisfaction, revisit.status, revisit.comment),
			(task, "Portal", "Satisfied", "Done", "师傅很专业"),
		)
		revisits = frappe.db.count("Revisit", {"task": task})
		again = self.a.call(f"{PORTAL}.rate_task", task=task, satisfaction="Very Dissatisfied")
		frappe.db.rollback()
		self.assertEqual(again.status_code, 417)
		self.assertEqual(frappe.db.count("Revisit", {"task": task}), revisits)
		self.assertEqual(frappe.db.get_value("Revisit", revisit.name, "satisfaction"), "Satisfied")

	def test_09_ratings_of_others_or_of_unfinished_work_are_refused(self):
		for task, satisfaction, status in (
			(self.w.done_b, "Very Dissatisfied", 403),
			(self.w.open_a, "Satisfied", 417),
			(self.w.done_a[1], "<script>", 417),
		):
			snapshot = frappe.db.get_value("Service Task", task, ["status", "dissatisfied_count", "escalation_level"])
			revisits = frappe.get_all("Revisit", {"task": task}, ["name", "status", "satisfaction"], order_by="name")
			response = self.a.call(f"{PORTAL}.rate_task", task=task, satisfaction=satisfaction)
			frappe.db.rollback()
			self.assertEqual(response.status_code, status, response.text[:300])
			self.assertEqual(frappe.db.get_value("Service Task", task, ["status", "dissatisfied_count", "escalation_level"]), snapshot)
			self.assertEqual(frappe.get_all("Revisit", {"task": task}, ["name", "status", "satisfaction"], order_by="name"), revisits)

	def test_10_a_dissatisfied_rating_is_a_dissatisfied_callback(self):
		by_portal, by_phone = self.w.done_a[1], self.w.done_a[2]
		start = {t: frappe.db.get_value("Service Task", t, "escalation_level") for t in (by_portal, by_phone)}
		response = self.a.call(f"{PORTAL}.rate_task", task=by_portal, satisfaction="Very Dissatisfied", comment="还在漏")
		self.assertEqual(response.status_code, 200, response.text[:300])
		revisit = frappe.get_doc("Revisit", {"task": by_phone, "status": "Open"})
		revisit.update({"satisfaction": "Very Dissatisfied", "method": "Phone", "comment": "还在漏"})
		revisit.save()
		frappe.db.commit()
		fields = ["status", "status_category", "dissatisfied_count", "escalation_level"]
		after = {t: frappe.db.get_value("Service Task", t, fields, as_dict=True) for t in (by_portal, by_phone)}
		portal, phone = (
			(row.status, row.status_category, row.dissatisfied_count, row.escalation_level - start[t])
			for t, row in after.items()
		)
		self.assertEqual(portal, phone)
		self.assertEqual(portal[1:], ("Open", 1, 1), "reopened, counted, one level up")

	# -- my handover ------------------------------------------------------------------------

	def test_11_booking_moving_and_cancelling_the_handover(self):
		day, later = next_working_day(2), next_working_day(5)
		free = Client.message(self.a.get(f"/api/method/{PORTAL}.free_slots", {"unit": self.w.unit_a, "day": day}))
		self.assertEqual([slot["time"] for slot in free], ["09:00"])
		booked = self.a.call(f"{PORTAL}.book_handover", unit=self.w.unit_a, appointment=free[0]["at"])
		self.assertEqual(booked.status_code, 200, booked.text[:300])
		handover = Client.message(booked)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Unit Handover", handover, ["unit", "homeowner", "inspection_round"]),
			(self.w.unit_a, self.w.homeowner_a.name, self.w.round),
		)
		# the one place of that morning is taken: B sees no time and cannot take A's
		self.assertEqual(Client.message(self.b.get(f"/api/method/{PORTAL}.free_slots", {"unit": self.w.unit_b, "day": day})), [])
		handovers = frappe.db.count("Unit Handover")
		for client, unit, at, status in (
			(self.b, self.w.unit_b, free[0]["at"], 417),  # full
			(self.a, self.w.unit_b, f"{later} 09:00:00", 403),  # B's unit
			(self.b, self.w.unit_b, f"{add_days(nowdate(), -1)} 09:00:00", 417),  # the past
			(self.b, self.w.unit_b, f"{later} 10:30:00", 417),  # not a slot
		):
			response = client.call(f"{PORTAL}.book_handover", unit=unit, appointment=at)
			frappe.db.rollback()
			self.assertEqual(response.status_code, status, f"{client.user} {unit} {at}: {response.text[:300]}")
			self.assertTrue(CJK.search(error_text(response)), response.text[:300])
			self.assertEqual(frappe.db.count("Unit Handover"), handovers)
		moved = self.a.call(f"{PORTAL}.book_handover", unit=self.w.unit_a, appointment=f"{later} 09:00:00")
		self.assertEqual(Client.message(moved), handover, "moving keeps the one appointment")
		frappe.db.rollback()
		self.assertEqual(str(frappe.db.get_value("Unit Handover", handover, "appointment")), f"{later} 09:00:00")
		self.assertEqual(self.b.call(f"{PORTAL}.cancel_handover", handover=handover).status_code, 403)
		frappe.db.rollback()
		self.assertTrue(frappe.db.exists("Unit Handover", handover))
		frappe.db.set_value("Unit Handover", handover, "keys_handed", 2)  # staff have recorded something on it
		frappe.db.commit()
		self.assertEqual(self.a.call(f"{PORTAL}.cancel_handover", handover=handover).status_code, 200)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Unit Handover", handover, ["appointment", "keys_handed", "docstatus"]),
			(None, 2, 0),
			"the appointment is given up, the record and what staff wrote on it stay",
		)
		self.assertEqual(
			[s["time"] for s in Client.message(self.b.get(f"/api/method/{PORTAL}.free_slots", {"unit": self.w.unit_b, "day": later}))],
			["09:00"],
			"the place is free again",
		)
		rebooked = self.a.call(f"{PORTAL}.book_handover", unit=self.w.unit_a, appointment=f"{later} 09:00:00")
		self.assertEqual(Client.message(rebooked), handover, "booking again uses the same record")

	def test_12_the_handover_page_shows_my_defects_and_the_signed_confirmation(self):
		from customer_service.tests.factories import make_photo

		defect = frappe.get_doc("Inspection Defect", self.w.defect_c.name)
		inspection_photo = make_photo(defect, "inspection")
		staff_only = make_photo(defect, "internal")  # attached by staff for themselves
		frappe.db.set_value("Inspection Defect", defect.name, "photo", inspection_photo)
		frappe.db.commit()
		page = self.a.get("/owner/handover").text
		self.assertIn("客厅墙面裂缝", page)
		self.assertNotIn("次卧地面空鼓", page)
		sources = re.findall(r'<img[^>]+src="([^"]+)"', page)
		shown = [src.replace("&amp;", "&") for src in sources if "portal.photo" in src]
		file_of = lambda url: frappe.db.get_value("File", {"file_url": url}, "name")  # noqa: E731
		self.assertEqual(len(shown), 1, sources)
		self.assertIn(f"file={file_of(inspection_photo)}", shown[0])
		self.assertEqual(self.a.get(shown[0]).status_code, 200)
		self.assertEqual(self.a.get(shown[0]).content[:8], b"\x89PNG\r\n\x1a\n")
		for other in (self.b, self.d):
			self.assertEqual(other.get(shown[0]).status_code, 403, other.user)
		staff_file = shown[0].replace(file_of(inspection_photo), file_of(staff_only))
		self.assertEqual(self.a.get(staff_file).status_code, 403, "what staff attached for themselves stays theirs")
		self.assertEqual(self.a.get(staff_only).status_code, 403)
		self.assertNotIn("/printview", page, "no confirmation to print before signing")
		draft = frappe.db.get_value("Unit Handover", {"unit": self.w.unit_a, "docstatus": 0}, "name")
		if draft:
			self.assertEqual(
				self.a.get("/printview", {"doctype": "Unit Handover", "name": draft, "format": "Handover Confirmation"}).status_code,
				403,
				"an unsigned handover is not printed for the homeowner",
			)
		handover = frappe.get_doc(
			{"doctype": "Unit Handover", "unit": self.w.unit_a2, "homeowner": self.w.homeowner_a.name,
			 "inspection_round": self.w.round, "handover_date": nowdate(), "keys_handed": 2, "access_cards": 2,
			 "water_meter": 1.5, "electricity_meter": 8.2}
		).insert()  # fmt: skip
		handover.submit()
		frappe.db.commit()
		page = self.a.get("/owner/handover").text
		self.assertIn(f"name={handover.name}", page)
		confirmation = self.a.get(
			"/printview", {"doctype": "Unit Handover", "name": handover.name, "format": "Handover Confirmation"}
		)
		self.assertEqual(confirmation.status_code, 200)
		self.assertIn(self.w.unit_a2, confirmation.text)
		self.assertEqual(
			self.b.get("/printview", {"doctype": "Unit Handover", "name": handover.name, "format": "Handover Confirmation"}).status_code,
			403,
		)

	# -- the contractor -----------------------------------------------------------------------

	def test_13_a_contractor_sees_their_own_work_only(self):
		page = self.c.get("/contractor").text
		self.assertIn(self.w.defect_c.name, page)
		self.assertIn(self.w.task_c, page)
		self.assertNotIn(self.w.defect_d.name, page)
		for status in (None, "open", "all"):
			work = Client.message(self.c.get(f"/api/method/{PORTAL}.my_work", {"status": status} if status else None))
			self.assertEqual({item["name"] for item in work}, {self.w.defect_c.name, self.w.task_c}, f"status {status}")
		own = self.c.get("/contractor/item", {"doctype": "Inspection Defect", "name": self.w.defect_c.name})
		self.assertEqual(own.status_code, 200)
		other = self.c.get("/contractor/item", {"doctype": "Inspection Defect", "name": self.w.defect_d.name})
		self.assertEqual(other.status_code, 403)
		self.assertNotIn("次卧地面空鼓", other.text)
		filtered = Client.message(self.c.get(f"/api/method/{PORTAL}.my_work", {"project": "elsewhere"}))
		self.assertEqual(filtered, [])

	def test_14_rectified_with_evidence_only_and_only_ones_own(self):
		defect = self.w.defect_c.name
		photo_c, photo_d = upload(self.c), upload(self.d)
		for client, args, status in (
			(self.d, {"name": defect, "note": "不是我的", "photos": [photo_d]}, 403),
			(self.c, {"name": defect, "note": "没有照片"}, 417),
			(self.c, {"name": defect, "note": " ", "photos": [photo_c]}, 417),
			(self.c, {"name": defect, "note": "用别人的照片", "photos": [photo_d]}, 403),
			(self.c, {"name": self.w.defect_d.name, "note": "别人的缺陷", "photos": [photo_c]}, 403),
			(self.c, {"name": defect, "note": "不是文件", "photos": ['x" onerror="alert(1)']}, 403),
			(self.c, {"name": self.w.undispatched[1], "note": "还没派单", "photos": [photo_c]}, 403),
		):
			response = client.call(f"{PORTAL}.mark_rectified", doctype="Inspection Defect", **args)
			frappe.db.rollback()
			self.assertEqual(response.status_code, status, f"{client.user} {args}: {response.text[:300]}")
			for name in (defect, self.w.defect_d.name):
				self.assertEqual(frappe.db.get_value("Inspection Defect", name, "status_category"), "Dispatched")
		own_task = self.w.defect_c.service_task
		self.assertTrue(own_task, "a dispatched defect has its task")
		response = self.c.call(f"{PORTAL}.mark_rectified", doctype="Service Task", name=own_task, note="绕过缺陷", photos=[photo_c])
		frappe.db.rollback()
		self.assertEqual(response.status_code, 403, "the defect's own task is the defect: rectified there, with its checks")
		self.assertNotIn(frappe.db.get_value("Service Task", own_task, "status_category"), ("Completed", "Closed"))
		response = self.c.call(
			f"{PORTAL}.mark_rectified", doctype="Inspection Defect", name=defect,
			note='<img src=x onerror="alert(1)">已凿开重新挂网抹灰', photos=[photo_c],
		)  # fmt: skip
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		stored = frappe.db.get_value(
			"Inspection Defect", defect, ["status_category", "rectification_note", "rectification_photo"], as_dict=True
		)
		self.assertEqual((stored.status_category, stored.rectification_note, stored.rectification_photo), ("Rectified", "已凿开重新挂网抹灰", photo_c))
		self.assertEqual(frappe.db.get_value("File", {"file_url": photo_c}, ["attached_to_name", "is_private"]), (defect, 1))

		# the inspector sends it back: the contractor reads why
		frappe.get_doc("Inspection Defect", defect).reject("抹灰面不平整")
		frappe.db.commit()
		page = self.c.get("/contractor/item", {"doctype": "Inspection Defect", "name": defect}).text
		self.assertIn("抹灰面不平整", page)

	def test_15_a_contractor_completes_a_dispatched_repair_with_evidence(self):
		photo = upload(self.c)
		response = self.c.call(
			f"{PORTAL}.mark_rectified", doctype="Service Task", name=self.w.task_c, note="更换角阀", photos=[photo]
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Service Task", self.w.task_c, ["status_category", "solution", "completion_evidence"]),
			("Completed", "更换角阀", photo),
		)
		response = self.d.call(f"{PORTAL}.mark_rectified", doctype="Service Task", name=self.w.done_a[0], note="x", photos=[upload(self.d)])
		self.assertEqual(response.status_code, 403)

	def test_16_the_warranty_per_part_names_the_problems_warranted_longer(self):
		from customer_service.portal.homeowner import warranty_overview

		rows = warranty_overview("2025-12-28")
		labels = [row["part"] for row in rows]
		self.assertEqual(len(labels), len(set(labels)), "one row per part and period")
		months = {row["part"]: row["months"] for row in rows}
		self.assertEqual(months["铝合金门窗"], 24)
		longer = [part for part in months if part.startswith("铝合金门窗 · ")]
		self.assertEqual([months[p] for p in longer], [60], "the window's leak: five years")
		self.assertIn("铝窗渗水", longer[0])
		self.assertEqual(next(r for r in rows if r["part"] == "铝合金门窗")["ends"], getdate("2027-12-28"))

	# -- the desk's API is not the portal's -----------------------------------------------------

	def test_17_portal_logins_cannot_use_the_desk_api(self):
		task = self.w.task_c
		stored = frappe.db.get_value("Service Task", task, ["status", "solution", "modified"])
		for client in (self.a, self.c):
			for method, path, kwargs in (
				("GET", f"/api/resource/Service Task/{task}", {}),
				("GET", "/api/resource/Service Task", {}),
				("GET", f"/api/v2/document/Service Task/{task}", {}),
				("GET", "/api/method/frappe.client.get_list", {"params": {"doctype": "Homeowner"}}),
				("GET", "/api/method/frappe.desk.form.load.getdoc", {"params": {"doctype": "Service Task", "name": task}}),
				("POST", "/api/method/frappe.desk.like.toggle_like", {"data": {"doctype": "Service Task", "name": task, "add": "Yes"}}),
				("POST", "/api/method/frappe.desk.doctype.tag.tag.add_tag", {"data": {"tag": "x", "dt": "Service Task", "dn": task}}),
				("PUT", f"/api/resource/Service Task/{task}", {"json": {"status": "Completed", "solution": "自己改的"}}),
				("POST", "/api/method/run_doc_method", {"data": {"dt": "Service Task", "dn": task, "method": "save"}}),
				("GET", f"/api/v1/resource/Service Task/{task}", {}),
				("GET", "/api/v1/method/frappe.client.get_list", {"params": {"doctype": "Homeowner"}}),
				# a form's cmd runs before the method of the path: a portal method in the path is no pass
				("POST", f"/api/method/{PORTAL}.my_requests",
				 {"data": {"cmd": "frappe.desk.form.load.get_docinfo", "doctype": "Service Task", "name": task}}),
			):
				response = client.request(method, path, **kwargs)
				self.assertEqual(response.status_code, 403, f"{client.user} {method} {path}: {response.text[:200]}")
				self.assertNotIn("自己改的", response.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Service Task", task, ["status", "solution", "modified"]), stored)
		self.assertFalse(frappe.db.get_value("Service Task", task, "_liked_by"))
		self.assertFalse(frappe.db.get_value("Service Task", task, "_user_tags"))
		# the portal's own calls still answer them
		self.assertEqual(self.c.get(f"/api/method/{PORTAL}.my_work").status_code, 200)
		self.assertEqual(self.a.get(f"/api/method/{PORTAL}.my_requests").status_code, 200)

	def test_18_an_upload_gets_no_other_users_file(self):
		b_photo = upload(self.b)
		b_bytes = self.b.get(b_photo).content
		frappe.db.rollback()  # a fresh snapshot: B's upload is committed by the server
		files = frappe.db.count("File")
		for data, files_part in (
			({"is_private": 1, "file_url": b_photo}, None),
			({"is_private": 1, "file_url": b_photo}, {"file": ("empty.png", b"")}),
			({"is_private": 1, "file_url": b_photo, "doctype": "Homeowner", "docname": self.w.homeowner_a.name}, None),
		):
			files_before = frappe.db.count("File")
			response = self.a.request("POST", "/api/method/upload_file", data=data, files=files_part)
			frappe.db.rollback()
			self.assertEqual(frappe.db.count("File"), files_before, f"{data} {files_part}: {response.status_code} {response.text[:300]}")
			self.assertNotEqual(response.status_code, 200, f"{data}: {response.text[:200]}")
			self.assertNotIn(b_bytes, response.content)
		self.assertEqual(frappe.db.count("File"), files, "no File of A's points at B's photo")
		self.assertEqual(frappe.db.count("File", {"file_url": b_photo}), 1)
		self.assertEqual(self.a.get(b_photo).status_code, 403)
		# the same photo sent by A with its bytes is A's own copy (Frappe keeps one file on disk) — a
		# JPEG too, which Frappe stores without its EXIF data (a photo forwarded to both of them)
		same = upload(self.a, content=b_bytes)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("File", {"file_url": same, "owner": self.w.homeowner_a.user}, "is_private"), 1)
		from io import BytesIO

		from PIL import Image

		buffer = BytesIO()
		colour = tuple(int(frappe.generate_hash(length=2), 16) for _ in range(3))  # a photo of this run
		Image.new("RGB", (64, 48), colour).save(buffer, format="JPEG", exif=Image.Exif())
		forwarded = [upload(client, "forwarded.jpg", buffer.getvalue()) for client in (self.b, self.a)]
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("File", {"file_url": forwarded[0]}), 2, "one file on disk, a File each")
		self.assertEqual(self.a.get(forwarded[1]).status_code, 200)

	def test_19_attach_fields_hold_file_addresses_only(self):
		staff = Client(self.w.agent)
		defect = self.w.defect_d.name
		before = frappe.db.get_value("Inspection Defect", defect, ["photo", "modified"])
		for value in ('x" onerror="alert(1)', "javascript:alert(1)", "/files/a.png\" onload=\"x"):
			response = staff.request("PUT", f"/api/resource/Inspection Defect/{defect}", json={"photo": value})
			frappe.db.rollback()
			self.assertEqual(response.status_code, 417, f"{value}: {response.text[:200]}")
			self.assertTrue(CJK.search(error_text(response)), response.text[:300])
		self.assertEqual(frappe.db.get_value("Inspection Defect", defect, ["photo", "modified"]), before)

	def test_20_two_bookings_at_once_make_one_appointment(self):
		from concurrent.futures import ThreadPoolExecutor

		building = frappe.get_doc("Property Building", frappe.db.get_value("Property Unit", self.w.unit_a, "building"))
		unit = make_unit(building, room_no="301").name
		homeowner = make_portal_homeowner([unit], PASSWORD)
		frappe.db.commit()
		phones = [Client(homeowner.user) for _ in range(2)]
		days = (next_working_day(8), next_working_day(9))
		with ThreadPoolExecutor(2) as pool:
			answers = list(pool.map(
				lambda pair: pair[0].call(f"{PORTAL}.book_handover", unit=unit, appointment=f"{pair[1]} 09:00:00"),
				zip(phones, days),
			))  # fmt: skip
		frappe.db.rollback()
		self.assertEqual([a.status_code for a in answers], [200, 200], [error_text(a)[:3000] for a in answers])
		self.assertEqual(len({Client.message(a) for a in answers}), 1, "both requests found the one handover")
		self.assertEqual(frappe.db.count("Unit Handover", {"unit": unit, "docstatus": ("<", 2)}), 1)

	def test_21_the_portal_speaks_chinese_or_english(self):
		building = frappe.get_doc("Property Building", frappe.db.get_value("Property Unit", self.w.unit_b, "building"))
		homeowner = make_portal_homeowner([make_unit(building, room_no="401").name], PASSWORD)
		frappe.db.commit()
		phone = Client(homeowner.user)
		self.assertIn("您的房屋、保修期和报事", phone.get("/owner").text)
		self.assertEqual(phone.call(f"{PORTAL}.set_language", language="en").status_code, 200)
		page = phone.get("/owner").text
		self.assertIn("Your homes, their warranties and your requests", page)
		self.assertNotIn("您的房屋、保修期和报事", page)
		refused = phone.call(f"{PORTAL}.set_language", language="fr")
		self.assertEqual(refused.status_code, 417)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("User", homeowner.user, "language"), "en")
		self.assertEqual(Client(self.w.agent).call(f"{PORTAL}.set_language", language="en").status_code, 403, "staff set theirs in the desk")
		phone.call(f"{PORTAL}.set_language", language="zh")
		self.assertIn("您的房屋、保修期和报事", phone.get("/owner").text)

	def test_22_two_ratings_at_once_make_one_callback(self):
		from concurrent.futures import ThreadPoolExecutor

		task = complete(make_task(self.w.reception(self.w.unit_a))).name
		frappe.db.commit()
		phones = [Client(self.w.homeowner_a.user) for _ in range(2)]
		with ThreadPoolExecutor(2) as pool:
			answers = list(pool.map(
				lambda pair: pair[0].call(f"{PORTAL}.rate_task", task=task, satisfaction=pair[1]),
				zip(phones, ("Very Dissatisfied", "Very Dissatisfied")),
			))  # fmt: skip
		frappe.db.rollback()
		self.assertEqual(sorted(a.status_code for a in answers), [200, 417], [a.text[:200] for a in answers])
		self.assertEqual(frappe.db.count("Revisit", {"task": task, "status": "Done"}), 1)
		self.assertEqual(frappe.db.get_value("Service Task", task, "dissatisfied_count"), 1, "escalated once")

	def test_23_only_private_uploads_and_real_photos_reach_a_page(self):
		public = self.a.request(
			"POST", "/api/method/upload_file", data={"is_private": 0}, files={"file": ("logo.png", PNG + frappe.generate_hash().encode())}
		)
		self.assertEqual(public.status_code, 200, public.text[:200])
		url = Client.message(public)["file_url"]
		response = self.a.call(f"{PORTAL}.report_problem", unit=self.w.unit_a, description="公开文件", photos=[url])
		frappe.db.rollback()
		self.assertEqual(response.status_code, 403, response.text[:200])
		self.assertEqual(frappe.db.get_value("File", {"file_url": url}, "is_private"), 0, "a public file stays where it is")
		# a page set as a defect's photo by staff is never served as one
		defect = frappe.get_doc("Inspection Defect", self.w.defect_c.name)
		page = frappe.get_doc(
			{"doctype": "File", "file_name": f"{frappe.generate_hash(length=6)}.html", "content": "<script>alert(1)</script>",
			 "is_private": 1, "attached_to_doctype": defect.doctype, "attached_to_name": defect.name}
		).insert(ignore_permissions=True)  # fmt: skip
		frappe.db.set_value("Inspection Defect", defect.name, "photo", page.file_url)
		frappe.db.commit()
		try:
			served = self.a.get(f"/api/method/{PORTAL}.photo", {"doctype": defect.doctype, "name": defect.name, "file": page.name})
			self.assertEqual(served.status_code, 403)
			self.assertNotIn("<script>", served.text)
		finally:
			frappe.db.set_value("Inspection Defect", defect.name, "photo", None)
			frappe.db.commit()
