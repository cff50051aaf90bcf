"""Demo data for `make dev`: a group with two companies, projects, buildings,
generated units, homeowners, contractors and demo users.

Idempotent: every record is looked up first and only created when missing,
so running it again changes nothing that exists.

    bench --site <site> execute customer_service.demo.make_demo
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.model import workflow
from frappe.utils import add_days, nowdate

from customer_service.escalation import escalate_overdue_tasks
from customer_service.identity import mainland_check_char
from customer_service.permissions import clear_scope_cache
from customer_service.revisits import create_scheduled_revisits
from customer_service.unit_generation import get_planned_units, insert_planned_units

DEMO_PASSWORD = "demo1234"
DEMO_DOMAIN = "demo.customer-service.localhost"

GROUP = "万象地产集团"
REGION = "华南区域"
XIAMEN = "厦门万象置业有限公司"
SHENZHEN = "深圳万象地产有限公司"
DEPARTMENTS = ("客服中心", "工程部", "物业维修部")

# project, company, city, shared with
PROJECTS = (
	("海湾花园", XIAMEN, "厦门", [SHENZHEN]),
	("湖景苑", XIAMEN, "厦门", []),
	("南山壹号", SHENZHEN, "深圳", []),
)
# building name, phase, completion acceptance
BUILDINGS = (("1栋", "一期", date(2025, 6, 30)), ("2栋", "二期", date(2026, 3, 31)))

HOMEOWNERS = (
	# name, birth date, male, mobile, unit (project, building, unit no, room)
	("陈建国", date(1968, 3, 12), True, "13906001001", ("海湾花园", "1栋", "1", "101")),
	("林美华", date(1975, 8, 2), False, "13906001002", ("海湾花园", "1栋", "1", "102")),
	("黄志强", date(1982, 11, 20), True, "13906001003", ("海湾花园", "1栋", "1", "201")),
	("吴丽娟", date(1990, 1, 5), False, "13906001004", ("海湾花园", "1栋", "2", "301")),
	("郑晓东", date(1986, 5, 18), True, "13906001005", ("湖景苑", "1栋", "1", "401")),
	("王芳", date(1993, 9, 9), False, "13906001006", ("湖景苑", "2栋", "1", "101")),
	("李明", date(1979, 12, 31), True, "13806002001", ("南山壹号", "1栋", "1", "101")),
	("张丽", date(1988, 4, 1), False, "13806002002", ("南山壹号", "1栋", "2", "602")),
	("赵雅琴", date(1991, 6, 6), False, "13906001008", ("湖景苑", "1栋", "1", "402")),
	# handover season at 湖景苑: these book their handover in the coming week
	("周建华", date(1984, 2, 14), True, "13906001009", ("湖景苑", "1栋", "1", "501")),
	("孙丽萍", date(1987, 7, 21), False, "13906001010", ("湖景苑", "1栋", "1", "502")),
	("钱志伟", date(1979, 10, 3), True, "13906001011", ("湖景苑", "1栋", "1", "503")),
)
# homeowners and contractors with a portal login (password DEMO_PASSWORD): mobile or name, email
PORTAL_HOMEOWNERS = (("13906001001", "chen.jianguo"), ("13906001005", "zheng.xiaodong"), ("13906001008", "zhao.yaqin"))
PORTAL_CONTRACTORS = (("中建海峡建设发展有限公司", "zjhx"), ("东方雨虹防水工程有限公司", "dfyh"))

CONTRACTORS = (
	# name, mobile, retention, scopes: (project, building or None, category or None)
	("中建海峡建设发展有限公司", "13900100001", 2_000_000, [("海湾花园", None, None), ("湖景苑", None, None)]),
	("东方雨虹防水工程有限公司", "13900100002", 300_000, [("海湾花园", None, "防水渗漏"), ("南山壹号", None, "防水渗漏")]),
	("美心木门厦门分公司", "13900100003", 80_000, [("海湾花园", "1栋", "入户木门")]),
	("坚美铝门窗工程有限公司", "13900100004", 150_000, [("海湾花园", None, "铝合金门窗"), ("湖景苑", None, "铝合金门窗")]),
	("中建科工深圳分公司", "13900100005", 1_500_000, [("南山壹号", None, None)]),
)

USERS = (
	# local part, first name, roles, organization they work for (None: the whole group)
	("admin", "客服管理员", ["CS Administrator", "CS Manager", "System Manager"], None),
	("manager", "客服经理", ["CS Manager"], XIAMEN),
	("agent", "客服专员", ["CS Agent"], XIAMEN),
	("engineer", "工程师", ["CS Engineer"], f"{XIAMEN}-工程部"),
	("sz.agent", "深圳客服", ["CS Agent"], SHENZHEN),
	("sz.manager", "深圳客服经理", ["CS Manager"], SHENZHEN),
	("sz.engineer", "深圳工程师", ["CS Engineer"], f"{SHENZHEN}-工程部"),
)

CALENDAR_2026_2027 = (
	("2026-09-20", 1, "国庆节调休"),
	("2026-10-01", 0, "国庆节"),
	("2026-10-02", 0, "国庆节"),
	("2026-10-05", 0, "国庆节"),
	("2026-10-06", 0, "国庆节"),
	("2026-10-07", 0, "国庆节"),
	("2026-10-10", 1, "国庆节调休"),
	("2027-01-01", 0, "元旦"),
)


def make_demo():
	make_organizations()
	make_calendar()
	for project_name, company, city, shared in PROJECTS:
		make_project(project_name, company, city, shared)
	make_homeowners()
	make_contractors()
	make_users()
	make_portal_logins()
	route_categories_per_company()
	set_managers()
	make_service_desk()
	make_inspections()
	make_handover_findings()
	make_erpnext_links()
	make_chargeback()  # with or without ERPNext (with it, after the companies' accounts)
	book_coming_handovers()
	make_announcements()
	make_saved_report()


def make_organizations():
	ensure_org(GROUP, "Group", None)
	ensure_org(REGION, "Region", GROUP)
	for company in (XIAMEN, SHENZHEN):
		ensure_org(company, "Company", REGION)
		for department in DEPARTMENTS:
			ensure_org(f"{company}-{department}", "Department", company)


def route_categories_per_company():
	"""Each company's engineering department answers for the engineering categories of its projects."""
	for category in ("防水渗漏", "墙地面开裂", "给排水", "电气"):
		if not frappe.db.exists("Problem Category", category):
			continue
		doc = frappe.get_doc("Problem Category", category)
		have = {row.company for row in doc.company_departments}
		missing = [c for c in (XIAMEN, SHENZHEN) if c not in have]
		for company in missing:
			doc.append("company_departments", {"company": company, "department": f"{company}-工程部"})
		if missing:
			doc.save()


def set_managers():
	"""Who answers at each level: department, company, group."""
	for organization, local in (
		(ENGINEERING, "engineer"),
		(XIAMEN, "manager"),
		(f"{SHENZHEN}-工程部", "sz.engineer"),
		(SHENZHEN, "sz.manager"),
		(GROUP, "admin"),
	):
		if not frappe.db.get_value("Service Organization", organization, "manager"):
			frappe.db.set_value("Service Organization", organization, "manager", f"{local}@{DEMO_DOMAIN}")


def ensure_org(name, org_type, parent):
	if not frappe.db.exists("Service Organization", name):
		frappe.get_doc(
			{
				"doctype": "Service Organization",
				"organization_name": name,
				"org_type": org_type,
				"parent_service_organization": parent,
				"is_group": 1 if org_type != "Department" else 0,
			}
		).insert()


def make_calendar():
	settings = frappe.get_single("Customer Service Settings")
	have = {str(row.date) for row in settings.calendar_exceptions}
	missing = [row for row in CALENDAR_2026_2027 if row[0] not in have]
	for day, working, description in missing:
		settings.append("calendar_exceptions", {"date": day, "is_working_day": working, "description": description})
	if missing:
		settings.save()


def make_project(project_name, company, city, shared):
	if not frappe.db.exists("Property Project", project_name):
		frappe.get_doc(
			{
				"doctype": "Property Project",
				"project_name": project_name,
				"company": company,
				"city": city,
				"address": f"{city}市示范路88号",
				"shared_with": [{"company": c} for c in shared],
			}
		).insert()
	for building_name, phase, completion in BUILDINGS:
		name = f"{project_name}-{building_name}"
		if not frappe.db.exists("Property Building", name):
			frappe.get_doc(
				{
					"doctype": "Property Building",
					"project": project_name,
					"building_name": building_name,
					"phase": phase,
					"completion_date": completion,
					"unit_count": 2,
					"start_floor": 1,
					"floor_count": 6,
					"rooms_per_floor": 4,
					"room_no_pattern": "{floor}{room:02d}",
				}
			).insert()
		building = frappe.get_doc("Property Building", name)
		insert_planned_units(building, get_planned_units(building))


def demo_id_number(born: date, male: bool, seq: int) -> str:
	first17 = f"350203{born:%Y%m%d}{seq:02d}{1 if male else 2}"
	return first17 + mainland_check_char(first17)


def make_homeowners():
	for seq, (name, born, male, mobile, (project, building, unit_no, room)) in enumerate(HOMEOWNERS, start=10):
		if frappe.db.exists("Homeowner", {"mobile_no": mobile}):
			continue
		unit = f"{project}-{building}-{unit_no}-{room}"
		frappe.get_doc(
			{
				"doctype": "Homeowner",
				"homeowner_name": name,
				"id_type": "Mainland ID Card",
				"id_number": demo_id_number(born, male, seq),
				"mobile_no": mobile,
				"units": [{"unit": unit, "relationship": "Owner", "share_percent": 100}],
			}
		).insert()
		delivered = project != "湖景苑"
		frappe.db.set_value(
			"Property Unit",
			unit,
			{
				"status": "Delivered" if delivered else "Sold",
				"contract_date": date(2025, 1, 15),
				"delivery_date": date(2025, 12, 28) if delivered else None,
				"warranty_start": date(2025, 12, 28) if delivered else None,
				"gross_area": 89.5,
				"layout": "三室两厅",
			},
		)
	# a co-owner: 林美华's spouse shares her unit
	if not frappe.db.exists("Homeowner", {"mobile_no": "13906001007"}):
		frappe.get_doc(
			{
				"doctype": "Homeowner",
				"homeowner_name": "周海涛",
				"id_type": "Mainland ID Card",
				"id_number": demo_id_number(date(1974, 2, 14), True, 30),
				"mobile_no": "13906001007",
				"units": [{"unit": "海湾花园-1栋-1-102", "relationship": "Co-owner", "share_percent": 50}],
			}
		).insert()


def make_contractors():
	for name, mobile, retention, scopes in CONTRACTORS:
		if frappe.db.exists("Contractor", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Contractor",
				"contractor_name": name,
				"contact_mobile": mobile,
				"retention_amount": retention,
				"scopes": [
					{
						"project": project,
						"building": f"{project}-{building}" if building else None,
						"problem_category": category,
					}
					for project, building, category in scopes
				],
			}
		).insert()


def make_users():
	for local, first_name, roles, organization in USERS:
		email = f"{local}@{DEMO_DOMAIN}"
		if frappe.db.exists("User", email):
			continue
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"language": "zh",
				"send_welcome_email": 0,
				"new_password": DEMO_PASSWORD,
				"roles": [{"role": r} for r in roles],
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
		if organization:
			frappe.get_doc(
				{"doctype": "User Permission", "user": email, "allow": "Service Organization", "for_value": organization}
			).insert(ignore_permissions=True)


def make_portal_logins():
	"""Portal logins for some homeowners (mobile number or email, and DEMO_PASSWORD) and contractors."""
	from frappe.utils.password import update_password

	if frappe.db.get_single_value("Website Settings", "app_name") in (None, "", "Frappe"):
		frappe.db.set_single_value("Website Settings", "app_name", "万象地产 · 业主服务")  # the portal's header
	for mobile, local in PORTAL_HOMEOWNERS:
		homeowner = frappe.get_doc("Homeowner", {"mobile_no": mobile})
		if homeowner.user:
			continue
		homeowner.db_set("email", f"{local}@{DEMO_DOMAIN}")
		update_password(homeowner.create_portal_user(), DEMO_PASSWORD)
	for contractor, local in PORTAL_CONTRACTORS:
		if frappe.db.get_value("Contractor", contractor, "user"):
			continue
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": f"{local}@{DEMO_DOMAIN}",
				"first_name": contractor,
				"user_type": "Website User",
				"language": "zh",
				"send_welcome_email": 0,
				"roles": [{"role": "Contractor"}],
			}
		).insert(ignore_permissions=True)
		update_password(user.name, DEMO_PASSWORD)
		frappe.db.set_value("Contractor", contractor, "user", user.name)
		clear_scope_cache()  # the login now reaches the contractor's work


def demo_photo(doc, fieldname: str, fixed: bool = False) -> str:
	"""A drawn photo of a wall (cracked, or repaired), as a private attachment of `doc`."""
	from io import BytesIO

	from PIL import Image, ImageDraw

	image = Image.new("RGB", (640, 480), (236, 231, 222))
	draw = ImageDraw.Draw(image)
	draw.rectangle((0, 380, 640, 480), fill=(176, 160, 140))  # skirting and floor
	draw.rectangle((380, 60, 580, 300), outline=(120, 120, 120), width=8, fill=(200, 220, 235))  # a window
	if fixed:
		draw.line((60, 80, 300, 360), fill=(226, 221, 212), width=14)  # the filled and painted crack
	else:
		draw.line(((60, 80), (130, 170), (110, 230), (210, 290), (300, 360)), fill=(70, 60, 55), width=5)
	buffer = BytesIO()
	image.save(buffer, format="JPEG", quality=80)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{doc.name}-{fieldname}.jpg",
			"content": buffer.getvalue(),
			"is_private": 1,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"attached_to_field": fieldname,
		}
	).insert(ignore_permissions=True)
	return file.file_url


def make_handover_findings():
	"""What the inspection found in 赵雅琴's home before her handover: a cracked wall, with a photo,
	dispatched to the general contractor (her portal shows it; the contractor's portal too)."""
	unit = "湖景苑-1栋-1-402"
	if frappe.db.exists("Inspection Defect", {"unit": unit}):
		return
	handover_round = frappe.db.get_value("Inspection Round", {"round_name": HANDOVER_ROUND}, "name")
	defect = frappe.get_doc(
		{
			"doctype": "Inspection Defect",
			"inspection_round": handover_round,
			"unit": unit,
			"problem_category": "墙面裂缝",
			"location": "客厅",
			"description": "客厅墙面斜向裂缝约40厘米",
			"contractor": "中建海峡建设发展有限公司",
		}
	).insert()
	defect.db_set("photo", demo_photo(defect, "photo"))
	defect.dispatch()


DEMO_MARK = "【演示】"
ENGINEERING = f"{XIAMEN}-工程部"
# (unit, category, task type, priority, description, workflow actions)
DEMO_TASKS = (
	# unit, category, task type, priority, description, channel, what happens to it
	("海湾花园-1栋-1-101", None, "Consultation", "Normal", "咨询房产证办理进度", "Phone", ()),
	("海湾花园-1栋-1-102", "木门变形开裂", "Repair", "Normal", "入户木门变形关不严", "Portal", ("Assign",)),
	("海湾花园-1栋-1-201", "铝窗渗水", "Repair", "High", "主卧铝窗下雨渗水", "WeChat", ("Assign", "Reply")),
	("海湾花园-1栋-2-301", "给水管漏水", "Repair", "Emergency", "厨房给水管爆裂", "Hotline 400", ("Assign", "Reply", "Agree Solution")),
	("海湾花园-1栋-1-101", "插座开关故障", "Repair", "Normal", "客厅插座无电", "Visit", ("Assign", "Reply", "Agree Solution", "Complete")),
	("海湾花园-1栋-1-102", "地漏返味", "Repair", "Normal", "卫生间地漏返味", "Website", ("Assign", "Reply", "Agree Solution", "Complete", "Close")),
	("海湾花园-1栋-2-301", "涂料起皮霉变", "Repair", "Normal", "次卧墙面返潮发霉", "WeChat", ("Assign", "Reply", "Agree Solution", "Complete", "Dissatisfied")),
	("湖景苑-1栋-1-401", None, "Suggestion", "Normal", "建议增加儿童游乐设施", "Letter", ("Void",)),
	("湖景苑-2栋-1-101", None, "Consultation", "Normal", "重复来电", "Hotline 400", ("Mark Invalid",)),
)

# a leak in one bathroom, reported again and again: the 3rd report is a complaint at the company,
# the 4th goes to group HQ (the repeat ladder of the settings)
REPEAT_LEAK = ("海湾花园-1栋-1-201", "卫生间渗漏", "主卫天花板渗水，楼上卫生间漏水", ("Hotline 400", "WeChat", "Visit", "Letter"))

CALLBACK_COMMENTS = {"Very Satisfied": "业主对维修结果满意", "Dissatisfied": "墙面返潮未根治，业主不满意"}


def make_service_desk():
	"""Receptions and tasks in every status, an escalated problem, a complaint topic,
	a compensation awaiting approval and due revisits."""
	if frappe.db.exists("Service Reception", {"content": ("like", f"{DEMO_MARK}%")}):
		return
	engineer = f"engineer@{DEMO_DOMAIN}"
	for unit, category, task_type, priority, description, channel, actions in DEMO_TASKS:
		# the work that is done by now came in a few days ago (its hours to resolve are real ones)
		received_on = f"{add_days(nowdate(), -4)} 09:30:00" if "Complete" in actions else None
		task = demo_task(
			unit, category, task_type, priority, description, received_on, channel=channel, responsible_user=engineer
		)
		for action in actions:
			if action == "Complete":
				attach_repair_slip(task)
			if action == "Close":
				record_callback(task, "Very Satisfied")
			if action == "Dissatisfied":  # the callback reopens the task and escalates it
				record_callback(task, "Dissatisfied")
				continue
			task = workflow.apply_workflow(task, action)

	unit, category, description, channels = REPEAT_LEAK
	for channel in channels:
		escalated = demo_task(unit, category, "Repair", "High", description, channel=channel, responsible_user=engineer)

	# a mass issue: leaking facade of building 2
	topic = frappe.get_doc(
		{
			"doctype": "Complaint Topic",
			"topic_name": "海湾花园2栋外墙渗水群诉",
			"project": "海湾花园",
			"problem_category": "外墙渗漏",
			"description": "台风后2栋多户反映外墙渗水",
			"standard_solution": "委托防水单位对2栋外墙整体打胶并做淋水试验",
		}
	).insert()
	for room, channel in (("101", "Hotline 400"), ("102", "Portal"), ("201", "WeChat")):
		demo_task(f"海湾花园-2栋-1-{room}", "外墙渗漏", "Repair", "High", "外墙渗水", channel=channel, complaint_topic=topic.name)
	topic.apply_solution()  # the hot issue's standard solution goes to every open task of it

	# a compensation awaiting approval
	compensation = frappe.get_doc(
		{
			"doctype": "Compensation",
			"task": escalated.name,
			"compensation_type": "Fee Waiver",
			"amount": 1200,
			"reason": "维修延误，减免三个月物业费",
		}
	).insert()
	workflow.apply_workflow(compensation, "Submit for Approval")

	# a task nobody answered in time: flagged overdue and escalated by the SLA job
	demo_task("湖景苑-1栋-1-401", "排水管堵塞", "Repair", "Normal", "阳台排水管堵塞", received_on="2026-01-05 09:00:00")
	escalate_overdue_tasks()
	create_scheduled_revisits()


def demo_task(unit, category, task_type, priority, description, received_on=None, channel="Hotline 400", **fields):
	homeowner = frappe.db.get_value("Property Unit", unit, "primary_homeowner")
	reception = frappe.get_doc(
		{
			"doctype": "Service Reception",
			"channel": channel,
			"unit": unit,
			"homeowner": homeowner,
			"content": f"{DEMO_MARK}{description}",
			"received_by": f"agent@{DEMO_DOMAIN}",
			**({"received_on": received_on} if received_on else {}),
		}
	)
	reception.flags.system_update = bool(received_on)  # a call taken in the past
	reception.insert()
	return frappe.get_doc(
		{
			"doctype": "Service Task",
			"reception": reception.name,
			"task_type": task_type,
			"problem_category": category,
			"priority": priority,
			"description": description,
			**fields,
		}
	).insert()


def attach_repair_slip(task):
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{task.name}-报修单.txt",
			"content": "三方签字报修单",
			"attached_to_doctype": "Service Task",
			"attached_to_name": task.name,
		}
	).insert()


def record_callback(task, satisfaction):
	revisit = frappe.get_doc("Revisit", {"task": task.name, "status": "Open"})
	revisit.satisfaction = satisfaction
	revisit.comment = CALLBACK_COMMENTS[satisfaction]
	revisit.save()


SIMULATED_ROUND = "海湾花园2栋模拟验房"
HANDOVER_ROUND = "湖景苑集中交付"


def make_inspections():
	"""A simulated round with defects in every status and a handed-over unit."""
	if frappe.db.exists("Inspection Round", {"round_name": SIMULATED_ROUND}):
		return
	engineer = f"engineer@{DEMO_DOMAIN}"
	simulated = frappe.get_doc(
		{
			"doctype": "Inspection Round",
			"round_name": SIMULATED_ROUND,
			"round_type": "Simulated",
			"project": "海湾花园",
			"status": "In Progress",
			"buildings": [{"building": "海湾花园-2栋"}],
			"inspectors": [{"user": engineer}, {"user": "Administrator"}],
		}
	).insert()
	defects = [
		("海湾花园-2栋-1-401", "铝窗渗水", "主卧窗台", "淋水试验窗台渗水", ()),
		("海湾花园-2栋-1-402", "木门变形开裂", "入户门", "入户木门变形", ("dispatch",)),
		("海湾花园-2栋-1-403", "瓷砖空鼓脱落", "厨房", "墙砖空鼓", ("dispatch", "mark_rectified")),
		("海湾花园-2栋-1-404", "墙面裂缝", "客厅", "墙面裂缝", ("dispatch", "mark_rectified", "verify")),
		("海湾花园-2栋-2-401", "卫生间渗漏", "主卫", "闭水试验渗漏", ("dispatch", "mark_rectified", "reject")),
	]
	for unit, category, location, description, steps in defects:
		defect = frappe.get_doc(
			{
				"doctype": "Inspection Defect",
				"inspection_round": simulated.name,
				"unit": unit,
				"problem_category": category,
				"location": location,
				"description": description,
			}
		).insert()
		for step in steps:
			if step == "mark_rectified":
				defect.mark_rectified("已按规范返修", demo_photo(defect, "rectification_photo", fixed=True))
			else:
				getattr(defect, step)()
			defect.reload()
	simulated.reload()
	simulated.refresh_summary()

	handover_round = frappe.get_doc(
		{
			"doctype": "Inspection Round",
			"round_name": HANDOVER_ROUND,
			"round_type": "Handover",
			"project": "湖景苑",
			"status": "In Progress",
			"buildings": [{"building": "湖景苑-1栋"}],
			"inspectors": [{"user": engineer}],
			"slots": [{"slot_time": "09:00:00", "capacity": 4}, {"slot_time": "14:00:00", "capacity": 4}],
		}
	).insert()
	unit = "湖景苑-1栋-1-401"
	handover = frappe.get_doc(
		{
			"doctype": "Unit Handover",
			"unit": unit,
			"homeowner": frappe.db.get_value("Property Unit", unit, "primary_homeowner"),
			"inspection_round": handover_round.name,
			"appointment": f"{add_days(nowdate(), -1)} 09:00:00",
			"handover_date": nowdate(),
			"keys_handed": 3,
			"access_cards": 2,
			"water_meter": 3.2,
			"electricity_meter": 15.6,
			"findings": [{"problem_category": "插座开关故障", "location": "书房", "description": "书房插座松动"}],
		}
	).insert()
	handover.submit()


ANNOUNCEMENTS = (
	# title, company (None: the whole group), content
	("交付季：本周六、日全员值班", None, "湖景苑集中交付期间，各公司客服、工程人员周末全员在岗，报修2小时内响应。"),
	("湖景苑集中交付：钥匙与门禁卡请提前核对", XIAMEN, "交付前一日下午完成钥匙、门禁卡、水电燃气表底数核对，问题当日录入。"),
)


def book_coming_handovers():
	"""Handover season: homeowners of 湖景苑 book their appointments over the coming week."""
	from customer_service.handover import available_slots

	handover_round = frappe.db.get_value("Inspection Round", {"round_name": HANDOVER_ROUND}, "name")
	for offset, room in enumerate(("501", "502", "503"), start=1):
		unit = f"湖景苑-1栋-1-{room}"
		homeowner = frappe.db.get_value("Property Unit", unit, "primary_homeowner")
		if not (handover_round and homeowner) or frappe.db.exists("Unit Handover", {"unit": unit, "docstatus": ("<", 2)}):
			continue
		day = add_days(nowdate(), offset)
		free = [slot for slot in available_slots(handover_round, day) if slot["free"]]
		if free:
			frappe.get_doc(
				{"doctype": "Unit Handover", "unit": unit, "homeowner": homeowner, "inspection_round": handover_round,
				 "appointment": free[0]["at"], "handover_date": day}
			).insert()  # fmt: skip


def make_announcements():
	"""公告 on the workbench and at login: one for the whole group, one for the Xiamen company only."""
	for title, company, content in ANNOUNCEMENTS:
		if frappe.db.exists("Note", {"title": title}):
			continue
		frappe.get_doc(
			{"doctype": "Note", "title": title, "public": 1, "notify_on_login": 1, "cs_company": company, "content": content,
			 "expire_notification_on": add_days(nowdate(), 14)}
		).insert(ignore_permissions=True)  # fmt: skip


# -- inside ERPNext ---------------------------------------------------------------------------------

CHARGEBACK_MARK = "【演示】返修扣款："


def make_erpnext_links():
	"""With ERPNext: each company's Company (with its accounts for compensations and chargebacks) and
	departments, every homeowner's customer and contractor's supplier, and a compensation paid by
	its journal entry."""
	from customer_service.erp import erpnext_installed
	from customer_service.erp.parties import ensure_company, ensure_department, link_all_parties

	if not erpnext_installed():
		return
	for company in (XIAMEN, SHENZHEN):
		set_company_accounts(ensure_company(company))
		for department in DEPARTMENTS:
			ensure_department(f"{company}-{department}")
	link_all_parties()
	make_paid_compensation()


def set_company_accounts(company: str) -> None:
	"""The demo books compensations as miscellaneous expenses and chargebacks as other income."""
	for fieldname, root_type in (("cs_compensation_account", "Expense"), ("cs_chargeback_account", "Income")):
		if frappe.db.get_value("Company", company, fieldname):
			continue
		account = frappe.db.get_value(
			"Account", {"company": company, "root_type": root_type, "is_group": 0, "account_type": ""}, "name", order_by="lft"
		)
		frappe.db.set_value("Company", company, fieldname, account)


def make_paid_compensation():
	if frappe.db.exists("Compensation", {"reason": ("like", f"{DEMO_MARK}%")}):
		return
	task = frappe.get_all(
		"Service Task",
		filters={"project": "海湾花园", "status_category": ("in", ("Completed", "Closed")), "homeowner": ("is", "set")},
		pluck="name",
		limit=1,
	)
	if not task:
		return
	compensation = frappe.get_doc(
		{"doctype": "Compensation", "task": task[0], "compensation_type": "Cash", "amount": 500,
		 "reason": f"{DEMO_MARK}上门维修迟到两小时，现金补偿"}
	).insert()  # fmt: skip
	for action in ("Submit for Approval", "Approve"):
		compensation = workflow.apply_workflow(frappe.get_doc("Compensation", compensation.name), action)
	entry = frappe.db.get_value("Compensation", compensation.name, "journal_entry")
	if entry:
		frappe.get_doc("Journal Entry", entry).submit()  # the accountant's step: the compensation is paid


def make_chargeback():
	"""A repair at the contractor's cost, completed: charged to their retention."""
	if frappe.db.exists("Service Task", {"description": ("like", f"{CHARGEBACK_MARK}%")}):
		return
	task = demo_task("海湾花园-1栋-1-102", "卫生间渗漏", "Repair", "Normal", f"{CHARGEBACK_MARK}卫生间防水层失效，楼下渗水",
					 responsible_user=f"engineer@{DEMO_DOMAIN}")  # fmt: skip
	if task.cost_bearer != "Contractor":
		return
	task.repair_cost = 2600
	task.save()
	attach_repair_slip(task)
	for action in ("Assign", "Reply", "Agree Solution", "Complete"):
		task = workflow.apply_workflow(task, action)


SAVED_REPORT = "海湾花园各类问题平均解决用时"


def make_saved_report():
	"""The Report Builder report of docs/report-builder.md, saved by the Xiamen manager: finished
	tasks of one project grouped by problem category, with their average hours to resolve."""
	if frappe.db.exists("Report", SAVED_REPORT):
		return
	settings = {
		"filters": [
			["Service Task", "project", "=", "海湾花园", False],
			["Service Task", "status_category", "in", ["Completed", "Closed"], False],
		],
		"fields": [["problem_category", "Service Task"], ["_aggregate_column", "Service Task"]],
		"order_by": "_aggregate_column desc",
		"add_totals_row": 0,
		"page_length": 20,
		"group_by": {
			"group_by": "`tabService Task`.`problem_category`",
			"aggregate_function": "avg",
			"aggregate_on": "`tabService Task`.`resolved_in_hours`",
		},
	}
	report = frappe.get_doc(
		{
			"doctype": "Report",
			"report_name": SAVED_REPORT,
			"ref_doctype": "Service Task",
			"report_type": "Report Builder",
			"is_standard": "No",
			"json": frappe.as_json(settings),
		}
	)
	report.insert(ignore_permissions=True)
	report.db_set("owner", f"manager@{DEMO_DOMAIN}")
