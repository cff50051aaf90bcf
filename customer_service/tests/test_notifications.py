import frappe
from frappe.email.doctype.notification.notification import trigger_daily_alerts
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, nowdate

from customer_service.escalation import escalate_overdue_tasks
from customer_service.setup.install import after_migrate
from customer_service.setup.notifications import NOTIFICATIONS
from customer_service.tests.factories import make_homeowner, make_reception, make_task, make_unit, make_user


def queued_to(address: str) -> list[str]:
	return frappe.get_all("Email Queue Recipient", filters={"recipient": address}, pluck="parent")


class TestNotifications(FrappeTestCase):
	def test_every_notification_is_shipped_and_editable(self):
		for spec in NOTIFICATIONS:
			doc = frappe.get_doc("Notification", spec["name"])
			self.assertEqual(doc.document_type, spec["document_type"])
			self.assertEqual(doc.enabled, spec.get("enabled", 1))
		channels = {frappe.db.get_value("Notification", s["name"], "channel") for s in NOTIFICATIONS}
		self.assertEqual(channels, {"Email", "SMS"})
		doc = frappe.get_doc("Notification", "Service Task Overdue SMS")
		doc.message = "任务{{ doc.name }}已超时"
		doc.save()
		after_migrate()
		self.assertEqual(frappe.db.get_value("Notification", "Service Task Overdue SMS", "message"), "任务{{ doc.name }}已超时")

	def test_assignment_notifies_the_responsible_user(self):
		engineer = make_user(["CS Engineer"]).name
		task = make_task(responsible_user=engineer)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": engineer, "document_name": task.name, "type": "Alert", "subject": ("like", "%assigned to you%")},
			)
		)
		self.assertTrue(queued_to(engineer))

	def test_overdue_and_escalation_notify_managers(self):
		"""The task's company manager hears of it; another company's managers do not."""
		manager, elsewhere = make_user(["CS Manager"]).name, make_user(["CS Manager"]).name
		engineer = make_user(["CS Engineer"]).name
		unit = make_unit()
		company = frappe.db.get_value("Property Project", unit.project, "company")
		frappe.db.set_value("Service Organization", company, "manager", manager)
		task = make_task(make_reception(unit, received_on="2026-01-05 09:00:00"), responsible_user=engineer)
		escalate_overdue_tasks()
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": engineer, "document_name": task.name, "subject": ("like", "%overdue%")}))
		escalation = frappe.get_value("Service Escalation", {"task": task.name}, "name")
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": manager, "document_name": escalation}))
		self.assertFalse(frappe.db.exists("Notification Log", {"for_user": elsewhere, "document_name": escalation}))

	def test_revisit_due_and_warranty_expiring_are_sent_daily(self):
		agent = make_user(["CS Agent"]).name
		revisit = frappe.get_doc(
			{"doctype": "Revisit", "revisit_type": "After Signing", "unit": make_unit().name, "agent": agent, "due_date": nowdate()}
		).insert()
		email = "owner-warranty@example.com"
		start = add_days(add_months(nowdate(), -24), 30)  # the two-year warranties end in 30 days
		unit = make_unit(status="Delivered", delivery_date=start)
		make_homeowner(units=[unit.name], email=email)
		unit.reload()
		self.assertEqual(str(unit.next_warranty_expiry), add_days(nowdate(), 30))
		self.assertEqual(unit.homeowner_email, email)
		trigger_daily_alerts()
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": agent, "document_name": revisit.name}))
		self.assertTrue(queued_to(email))


class TestInspectionNotifications(FrappeTestCase):
	def test_dispatch_mails_the_contractor_and_appointments_are_reminded(self):
		from customer_service.tests.factories import make_building, make_contractor, make_defect, make_round

		building = make_building()
		make_contractor([{"project": building.project}], email="builder-mail@example.com")
		inspection_round = make_round(building.project, [building.name], round_type="Handover")
		defect = make_defect(inspection_round, make_unit(building, room_no="101"))
		self.assertEqual(defect.contractor_email, "builder-mail@example.com")
		defect.dispatch()
		self.assertTrue(queued_to("builder-mail@example.com"))

		unit = make_unit(building, room_no="102", status="Sold")
		owner = make_homeowner(units=[unit.name], email="owner-handover@example.com")
		frappe.get_doc(
			{
				"doctype": "Unit Handover",
				"unit": unit.name,
				"homeowner": owner.name,
				"inspection_round": inspection_round.name,
				"appointment": add_days(nowdate(), 1) + " 10:00:00",
			}
		).insert()
		trigger_daily_alerts()
		self.assertTrue(queued_to("owner-handover@example.com"))


class TestSLAWarningAndApprovalNotifications(FrappeTestCase):
	def test_response_sla_at_80_percent_warns_the_responsible_user(self):
		engineer = make_user(["CS Engineer"]).name
		task = make_task(make_reception(received_on="2026-11-23 09:00:00"), responsible_user=engineer)  # respond by 18:00
		with self.freeze_time("2026-11-23 15:00:00"):  # 6 of 9 hours
			escalate_overdue_tasks()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "sla_warning_sent"), 0)
		with self.freeze_time("2026-11-23 16:30:00"):  # 7.5 of 9 hours
			escalate_overdue_tasks()
			escalate_overdue_tasks()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "sla_warning_sent"), 1)
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "is_overdue"), 0)
		warnings = frappe.get_all(
			"Notification Log",
			filters={"for_user": engineer, "document_name": task.name, "subject": ("like", "%response time%")},
		)
		self.assertEqual(len(warnings), 1, "warned once")

	def test_compensation_awaiting_approval_reaches_the_managers(self):
		from frappe.model.workflow import apply_workflow

		manager, other_manager = make_user(["CS Manager"]).name, make_user(["CS Manager"]).name
		task = make_task(make_reception(homeowner=make_homeowner().name))
		frappe.db.set_value("Service Organization", task.company, "manager", manager)
		compensation = frappe.get_doc(
			{"doctype": "Compensation", "task": task.name, "amount": 500, "reason": "延误补偿"}
		).insert()
		apply_workflow(compensation, "Submit for Approval")
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": manager, "document_name": compensation.name}))
		self.assertFalse(
			frappe.db.exists("Notification Log", {"for_user": other_manager, "document_name": compensation.name}),
			"another company's manager is not told",
		)


class TestEscalationReachesTheNewLevel(FrappeTestCase):
	def test_level_one_goes_to_the_company_level_two_to_the_group(self):
		from customer_service.tests.factories import make_building, make_company, make_group, make_project

		company_manager, group_manager = make_user(["CS Manager"]).name, make_user(["CS Administrator"]).name
		group = make_group()
		group.db_set("manager", group_manager)
		company = make_company(group.name)
		company.db_set("manager", company_manager)
		unit = make_unit(make_building(make_project(company=company.name).name))
		for _ in range(4):
			task = make_task(make_reception(unit), problem_category="墙面裂缝")
		escalations = frappe.get_all(
			"Service Escalation", filters={"task": ("in", frappe.get_all("Service Task", {"unit": unit.name}, pluck="name"))},
			fields=["name", "to_level", "notify_user"], order_by="to_level",
		)  # fmt: skip
		self.assertEqual([(e.to_level, e.notify_user) for e in escalations], [(1, company_manager), (2, group_manager)])
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": company_manager, "document_name": escalations[0].name}))
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": group_manager, "document_name": escalations[1].name}))
		self.assertEqual(task.escalation_level, 2)


class TestDispatchMilestone(FrappeTestCase):
	def test_a_task_not_assigned_within_two_working_hours_alerts_its_first_responder(self):
		agent = make_user(["CS Agent"]).name
		task = make_task(make_reception(received_on="2026-11-23 09:00:00", received_by=agent))
		self.assertEqual(task.received_by, agent)
		with self.freeze_time("2026-11-23 10:30:00"):
			escalate_overdue_tasks()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "dispatch_overdue"), 0)
		with self.freeze_time("2026-11-23 11:30:00"):
			escalate_overdue_tasks()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "dispatch_overdue"), 1)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": agent, "document_name": task.name, "subject": ("like", "%dispatched%")})
		)


class TestResolutionWarning(FrappeTestCase):
	def test_resolution_sla_at_80_percent_warns_once(self):
		engineer = make_user(["CS Engineer"]).name
		# 线路短路跳闸: 9 working hours to resolve, received Monday 09:00 → due 18:00, warned from 16:12
		task = make_task(
			make_reception(received_on="2026-11-23 09:00:00"), responsible_user=engineer, problem_category="线路短路跳闸"
		)
		self.assertEqual(str(task.resolution_warning_at), "2026-11-23 16:12:00")
		with self.freeze_time("2026-11-23 16:00:00"):
			escalate_overdue_tasks()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "resolution_warning_sent"), 0)
		with self.freeze_time("2026-11-23 16:30:00"):
			escalate_overdue_tasks()
			escalate_overdue_tasks()
		self.assertEqual(frappe.db.get_value("Service Task", task.name, "resolution_warning_sent"), 1)
		warnings = frappe.get_all(
			"Notification Log",
			filters={"for_user": engineer, "document_name": task.name, "subject": ("like", "%resolution time%")},
		)
		self.assertEqual(len(warnings), 1)
