"""The homeowner and contractor portal over HTTP, as a phone uses it: its pages, their form posts
(the portal API) and the guest endpoints of its login, against a served site.

The world: one company, one handover round with one place at 09:00; homeowners A and B with a
unit each in the same building (the sharpest case: same company, same round), contractors C and
D with a defect each. Every refusal is checked on the database: nothing written, nothing moved.
"""

from __future__ import annotations

import re

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
		queued = lambda: frappe.db.count("Email Queue Recipient", {"recipient": email})  # noqa: E731
		before = queued()
		answer = guest.call(f"{LOGIN}.send_login_code", login=self.w.homeowner_a.mobile_no)
		self.assertEqual(answer.status_code, 200, answer.text[:300])
		for login in ("13900000001", "nobody@example.com", self.w.agent):  # unknown, unknown, staff
			other = guest.call(f"{LOGIN}.send_login_code", login=login)
			self.assertEqual((other.status_code, Client.message(other)), (200, Client.message(answer)))
		frappe.db.rollback()
		self.assertEqual(queued(), before + 1, "one code, to the homeowner only")
		self.assertFalse(frappe.db.exists("Email Queue Recipient", {"recipient": self.w.agent, "creation": (">", add_days(nowdate(), -1))}))
		parent = frappe.db.get_value("Email Queue Recipient", {"recipient": email}, "parent", order_by="creation desc")
		code = re.search(r"验证码是 (\d{6})", mail_text(frappe.db.get_value("Email Queue", parent, "message"))).group(1)

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

	def test_03_the_guest_endpoints_are_rate_limited(self):
		guest = Client(None)
		login = self.w.homeowner_b.mobile_no
		codes = [guest.call(f"{LOGIN}.send_login_code", login=login).status_code for _ in range(4)]
		self.assertEqual(codes, [200, 200, 200, 429], "three codes per login in ten minutes")
		tries = [guest.call(f"{LOGIN}.login_with_code", login=login, code="000000").status_code for _ in range(11)]
		self.assertEqual(tries[-1], 429)
		self.assertTrue(all(status == 401 for status in tries[:10]), tries)

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
		self.assertEqual(self.a.call(f"{PORTAL}.cancel_handover", handover=handover).status_code, 200)
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Unit Handover", handover))

	def test_12_the_handover_page_shows_my_defects_and_the_signed_confirmation(self):
		page = self.a.get("/owner/handover").text
		self.assertIn("客厅墙面裂缝", page)
		self.assertNotIn("次卧地面空鼓", page)
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
		work = Client.message(self.c.get(f"/api/method/{PORTAL}.my_work"))
		self.assertEqual({item["name"] for item in work}, {self.w.defect_c.name, self.w.task_c})
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
		):
			response = client.call(f"{PORTAL}.mark_rectified", doctype="Inspection Defect", **args)
			frappe.db.rollback()
			self.assertEqual(response.status_code, status, f"{client.user} {args}: {response.text[:300]}")
			for name in (defect, self.w.defect_d.name):
				self.assertEqual(frappe.db.get_value("Inspection Defect", name, "status_category"), "Dispatched")
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
