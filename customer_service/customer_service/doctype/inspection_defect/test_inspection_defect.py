import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_datetime, getdate, nowdate

from customer_service.api.inspection import record_defects
from customer_service.customer_service.doctype.inspection_defect.inspection_defect import NoSuchMoveError
from customer_service.inspection import (
	DefectOutsideRoundError,
	NotAnInspectorError,
	flag_overdue_defects,
)
from customer_service.tests.factories import (
	rectify,
	make_building,
	make_contractor,
	make_defect,
	make_project,
	make_round,
	make_unit,
	make_user,
)


class TestInspectionDefect(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.project = make_project()
		cls.tower, cls.villa = make_building(cls.project.name), make_building(cls.project.name)
		cls.inspector = make_user(["CS Engineer"]).name
		cls.round = make_round(cls.project.name, [cls.tower.name, cls.villa.name], inspectors=[cls.inspector])
		cls.general = make_contractor([{"project": cls.project.name}])
		cls.windows = make_contractor([{"project": cls.project.name, "problem_category": "铝合金门窗"}])
		cls.tower_windows = make_contractor(
			[{"project": cls.project.name, "building": cls.tower.name, "problem_category": "铝窗渗水"}]
		)

	def test_contractor_comes_from_the_most_specific_scope(self):
		self.assertEqual(make_defect(self.round, make_unit(self.tower, room_no="101")).contractor, self.tower_windows.name)
		self.assertEqual(make_defect(self.round, make_unit(self.villa, room_no="101")).contractor, self.windows.name)
		door = make_defect(self.round, make_unit(self.villa, room_no="102"), problem_category="木门变形开裂")
		self.assertEqual(door.contractor, self.general.name)

	def test_rectify_by_follows_the_category_in_working_time(self):
		from customer_service.settings import get_working_calendar

		defect = make_defect(self.round, make_unit(self.tower, room_no="201"))  # 45 working hours = 5 working days
		expected = get_working_calendar().add_working_hours(get_datetime(defect.creation), 45).date()
		self.assertEqual(getdate(defect.rectify_by), expected)
		self.assertGreaterEqual((expected - getdate(nowdate())).days, 5)

	def test_lifecycle_fields_cannot_be_written_by_hand(self):
		from frappe.model.workflow import WorkflowPermissionError

		from customer_service.protected_fields import ProtectedFieldError

		defect = make_defect(self.round, make_unit(self.tower, room_no="202"))
		defect.status = "Verified"  # no transition of the workflow goes there from Open
		with self.assertRaises(WorkflowPermissionError):
			defect.save()
		defect.reload()
		defect.rectified_on = nowdate()
		with self.assertRaises(ProtectedFieldError):
			defect.save()
		self.assertEqual(frappe.db.get_value("Inspection Defect", defect.name, ["status", "rectified_on"]), ("Open", None))

	def test_unit_outside_the_round_is_refused(self):
		elsewhere = make_unit(make_building(self.project.name))
		before = frappe.db.count("Inspection Defect")
		with self.assertRaises(DefectOutsideRoundError):
			make_defect(self.round, elsewhere)
		with self.assertRaises(DefectOutsideRoundError):
			make_defect(self.round, make_unit())
		self.assertEqual(frappe.db.count("Inspection Defect"), before)

	def test_lifecycle_rides_a_service_task(self):
		defect = make_defect(self.round, make_unit(self.tower, room_no="301"))
		task_name = defect.dispatch()
		task = frappe.get_doc("Service Task", task_name)
		self.assertEqual((task.inspection_defect, task.contractor, task.cost_bearer), (defect.name, defect.contractor, "Contractor"))
		self.assertEqual(frappe.db.get_value("Service Reception", task.reception, "channel"), "Handover Inspection")
		self.assertTrue(task.response_by and task.resolution_by, "the task has SLA deadlines")
		with self.assertRaises(NoSuchMoveError):
			defect.dispatch()

		from customer_service.customer_service.doctype.inspection_defect.inspection_defect import EvidenceMissingError

		for note, photo in ((None, None), ("已返修", None)):  # the seeds: no rectification without evidence
			with self.assertRaises(EvidenceMissingError):
				frappe.get_doc("Inspection Defect", defect.name).mark_rectified(note, photo)
			self.assertEqual(frappe.db.get_value("Inspection Defect", defect.name, "status_category"), "Dispatched")
		rectify(defect)
		self.assertEqual(frappe.db.get_value("Service Task", task_name, "status"), "Completed")
		frappe.set_user(self.inspector)
		try:
			defect.reload()
			defect.reject("胶未干透")
		finally:
			frappe.set_user("Administrator")
		defect.reload()
		self.assertEqual((defect.status, defect.rejection_count), ("Dispatched", 1))
		self.assertEqual(frappe.db.get_value("Service Task", task_name, "status"), "To Implement")

		rectify(defect)
		outsider = make_user(["CS Engineer"]).name
		frappe.set_user(outsider)
		try:
			with self.assertRaises(NotAnInspectorError):
				frappe.get_doc("Inspection Defect", defect.name).verify()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Inspection Defect", defect.name, "status"), "Rectified")
		frappe.set_user(self.inspector)
		try:
			frappe.get_doc("Inspection Defect", defect.name).verify()
		finally:
			frappe.set_user("Administrator")
		defect.reload()
		self.assertEqual((defect.status, defect.verified_by), ("Verified", self.inspector))
		self.assertEqual(frappe.db.get_value("Service Task", task_name, "status"), "Closed")

	def test_dispatch_needs_a_contractor(self):
		project = make_project()
		inspection_round = make_round(project.name, [make_building(project.name).name])
		defect = make_defect(inspection_round, make_unit(frappe.get_doc("Property Building", inspection_round.buildings[0].building)))
		self.assertIsNone(defect.contractor)
		with self.assertRaises(frappe.ValidationError):
			defect.dispatch()
		self.assertEqual(frappe.db.get_value("Inspection Defect", defect.name, "status"), "Open")

	def test_bulk_upload_keeps_good_rows_and_is_retry_safe(self):
		first, second = make_unit(self.tower, room_no="401"), make_unit(self.villa, room_no="401")
		rows = [
			{"client_id": "app-1", "unit": first.name, "problem_category": "墙面裂缝", "location": "客厅", "description": "墙面裂缝"},
			{"client_id": "app-2", "unit": make_unit().name, "problem_category": "墙面裂缝", "description": "别的项目"},
			{"client_id": "app-3", "unit": second.name, "problem_category": "瓷砖空鼓脱落", "location": "厨房", "description": "空鼓"},
			{"client_id": "app-4", "unit": second.name, "description": "no category"},
		]
		before = frappe.db.count("Inspection Defect")
		result = record_defects(self.round.name, rows)
		self.assertEqual([r["status"] for r in result], ["created", "error", "created", "error"])
		self.assertIn("is not in the project and buildings", result[1]["message"])
		self.assertEqual(frappe.db.count("Inspection Defect"), before + 2)
		again = record_defects(self.round.name, rows)
		self.assertEqual([r["status"] for r in again], ["exists", "error", "exists", "error"])
		self.assertEqual(again[0]["name"], result[0]["name"])
		self.assertEqual(frappe.db.count("Inspection Defect"), before + 2)

	def test_a_bulk_row_is_the_defect_one_insert_makes(self):
		"""The upload shares its lookups between rows and leaves Frappe's after-save work to a job:
		the defects are those a single insert() makes, with their workflow actions, inspected units,
		and the systemic topic once the job has run."""
		from customer_service.inspection import finish_recorded_defects

		building = make_building(self.project.name)
		inspection_round = make_round(self.project.name, [building.name], inspectors=[self.inspector])
		units = [make_unit(building, room_no=str(701 + i)) for i in range(6)]
		single = make_defect(inspection_round, units[0], problem_category="外墙渗漏")
		rows = [{"unit": u.name, "problem_category": "外墙渗漏", "description": "批量"} for u in units[1:4]]
		enqueued = []
		original = frappe.enqueue
		frappe.enqueue = lambda method, **kwargs: enqueued.append((method, kwargs))  # the job, run below by hand
		try:
			result = record_defects(inspection_round.name, rows)
		finally:
			frappe.enqueue = original
		self.assertIsNone(getattr(frappe.local, "cs_upload_memo", None), "the lookups end with the upload")
		names = [r["name"] for r in result]
		compared = ("contractor", "contractor_email", "company_manager", "rectify_by", "status", "status_category", "project",
					"building")  # fmt: skip
		for name in names:
			bulk = frappe.get_doc("Inspection Defect", name)
			self.assertEqual({f: bulk.get(f) for f in compared}, {f: single.get(f) for f in compared})
		walked = frappe.get_all("Inspected Unit", filters={"inspection_round": inspection_round.name}, pluck="unit")
		self.assertEqual(sorted(walked), sorted(u.name for u in units[1:4]))
		self.assertEqual([m for m, _kwargs in enqueued], ["customer_service.inspection.finish_recorded_defects"])
		systemic = {"building": building.name, "problem_category": "外墙渗漏", "is_systemic": 1}
		self.assertFalse(frappe.db.exists("Workflow Action", {"reference_name": ("in", names)}), "after the commit")
		self.assertFalse(frappe.db.exists("Complaint Topic", systemic), "after the commit")
		frappe.get_doc("Inspection Defect", names[0]).save()  # saved since: its own save did the rest
		job = enqueued[0][1]
		self.assertEqual((job["queue"], job["uploaded_by"]), ("long", frappe.session.user))
		finish_recorded_defects(job["defects"], job["uploaded_by"])
		actions = frappe.get_all("Workflow Action", filters={"reference_name": ("in", names)}, pluck="reference_name")
		self.assertEqual(sorted(actions), sorted(names), "one each: the later save's, and the job's")
		self.assertEqual(frappe.db.count("Complaint Topic", systemic), 1, "4 of 6 units: proposed once")

	def test_a_bulk_row_s_photo_is_attached_and_private_before_the_job(self):
		from customer_service.tests.factories import PNG

		public = frappe.get_doc(
			{"doctype": "File", "file_name": f"{frappe.generate_hash(length=8)}.png", "is_private": 0,
			 "content": PNG + frappe.generate_hash().encode()}
		).insert(ignore_permissions=True)  # fmt: skip
		original = frappe.enqueue
		frappe.enqueue = lambda method, **kwargs: None  # the job does not run
		try:
			result = record_defects(self.round.name, [
				{"unit": make_unit(self.villa, room_no="803").name, "problem_category": "墙面裂缝", "description": "照片",
				 "photo": public.file_url}
			])  # fmt: skip
		finally:
			frappe.enqueue = original
		attached = frappe.get_all(
			"File", filters={"attached_to_doctype": "Inspection Defect", "attached_to_name": result[0]["name"]},
			fields=["is_private", "file_url"],
		)  # fmt: skip
		self.assertEqual([f.is_private for f in attached], [1])
		self.assertEqual(frappe.db.get_value("Inspection Defect", result[0]["name"], "photo"), attached[0].file_url)

	def test_walked_units_run_the_admins_notification(self):
		"""An admin's Notification on Inspected Unit: the walked units go in one insert() each, so it runs."""
		from customer_service.inspection import mark_units_inspected

		recipient = make_user(["CS Manager"]).name
		notification = frappe.get_doc(
			{"doctype": "Notification", "name": f"walked-{frappe.generate_hash(length=6)}", "subject": "走访 {{ doc.unit }}",
			 "document_type": "Inspected Unit", "event": "New", "channel": "System Notification", "enabled": 1,
			 "message": "walked", "recipients": [{"receiver_by_role": "CS Manager"}]}
		).insert(ignore_permissions=True)  # fmt: skip
		try:
			unit = make_unit(self.villa, room_no="804")
			self.assertEqual(mark_units_inspected(self.round.name, [unit.name]), 1)
			walked = frappe.db.get_value("Inspected Unit", {"inspection_round": self.round.name, "unit": unit.name})
			self.assertTrue(frappe.db.exists("Notification Log", {"for_user": recipient, "document_name": walked}))
		finally:
			notification.db_set("enabled", 0)

	def test_a_client_id_twice_in_one_upload_is_one_defect(self):
		unit = make_unit(self.villa, room_no="805")
		row = {"unit": unit.name, "problem_category": "墙面裂缝", "description": "重发", "client_id": frappe.generate_hash(length=12)}
		result = record_defects(self.round.name, [row, dict(row)])
		self.assertEqual([r["status"] for r in result], ["created", "exists"])
		self.assertEqual(result[0]["name"], result[1]["name"])

	def test_a_malformed_row_is_that_row_s_error(self):
		unit = make_unit(self.villa, room_no="802")
		rows = [{"unit": [unit.name], "problem_category": "墙面裂缝", "description": "x", "client_id": ["a"]}, "row",
				{"unit": unit.name, "problem_category": "墙面裂缝", "description": "好的"}]  # fmt: skip
		self.assertEqual([r["status"] for r in record_defects(self.round.name, rows)], ["error", "error", "created"])

	def test_a_bulk_upload_with_a_unit_outside_the_round_marks_no_unit_walked(self):
		from customer_service.inspection import mark_units_inspected

		inside, outside = make_unit(self.villa, room_no="801"), make_unit()
		with self.assertRaises(DefectOutsideRoundError):
			mark_units_inspected(self.round.name, [inside.name, outside.name])
		self.assertFalse(frappe.db.exists("Inspected Unit", {"inspection_round": self.round.name, "unit": inside.name}))
		self.assertEqual(mark_units_inspected(self.round.name, [inside.name, inside.name]), 1)
		self.assertEqual(mark_units_inspected(self.round.name, [inside.name]), 0)

	def test_overdue_defects_are_flagged_once(self):
		defect = make_defect(self.round, make_unit(self.tower, room_no="501"), rectify_by=add_days(nowdate(), -1))
		self.assertGreaterEqual(flag_overdue_defects(), 1)
		self.assertEqual(frappe.db.get_value("Inspection Defect", defect.name, "is_overdue"), 1)
		self.assertEqual(flag_overdue_defects(), 0)

	def test_contractor_user_sees_only_their_defects(self):
		"""A contractor works in the portal: their dispatched defects, marked rectified with evidence;
		the workflow gives their role neither Dispatch nor Verify, and they hold no right of their own."""
		from customer_service.portal import contractor
		from customer_service.portal.access import NotYoursError
		from customer_service.tests.factories import make_photo

		user = make_user(["Contractor"], user_type="Website User")
		builder = make_contractor([{"project": self.project.name, "problem_category": "给排水"}], user=user.name)
		mine = make_defect(self.round, make_unit(self.tower, room_no="601"), problem_category="给水管漏水")
		theirs = make_defect(self.round, make_unit(self.tower, room_no="602"))
		self.assertEqual(mine.contractor, builder.name)
		frappe.set_user(user.name)
		try:
			self.assertEqual(contractor.my_work(), [], "nothing dispatched yet")
			self.assertFalse(frappe.has_permission("Inspection Defect", "read", mine.name), "no desk rights")
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Inspection Defect", mine.name).dispatch()
		finally:
			frappe.set_user("Administrator")
		mine.dispatch()
		frappe.set_user(user.name)
		try:
			self.assertEqual([item["name"] for item in contractor.my_work()], [mine.name])
			with self.assertRaises(NotYoursError):
				contractor.my_work_item("Inspection Defect", theirs.name)
			photo = make_photo(name="rectified")  # their upload, not attached yet
			contractor.mark_rectified("Inspection Defect", mine.name, "更换角阀", [photo])
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Inspection Defect", mine.name).verify()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Inspection Defect", mine.name, "status"), "Rectified")


class TestBulkUploadOverHTTP(FrappeTestCase):
	"""The mobile app's upload on the served site, and its job run by a real RQ worker after the commit."""

	def test_the_worker_finishes_what_the_request_left(self):
		import subprocess
		import sys

		from customer_service.tests.http_client import PASSWORD, Client

		building = make_building()
		inspection_round = make_round(building.project, [building.name])
		units = [make_unit(building, room_no=str(901 + i)) for i in range(4)]
		agent = make_user(["CS Agent"], password=PASSWORD).name
		frappe.db.commit()
		rows = [{"unit": u.name, "problem_category": "外墙渗漏", "description": "上传", "client_id": frappe.generate_hash(length=12)}
				for u in units[:3]]  # fmt: skip
		response = Client(agent).call(
			"customer_service.api.inspection.record_defects", inspection_round=inspection_round.name, defects=rows
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		names = [row["name"] for row in Client.message(response)]
		self.assertEqual(frappe.db.count("Inspection Defect", {"name": ("in", names)}), 3, "committed by the request")
		self.assertEqual(frappe.db.count("Inspected Unit", {"inspection_round": inspection_round.name}), 3)
		worker = subprocess.run(
			[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site, "worker",
			 "--queue", "long", "--burst"],
			cwd=frappe.local.sites_path, capture_output=True, text=True, timeout=300,
		)  # fmt: skip
		self.assertEqual(worker.returncode, 0, worker.stderr[-2000:])
		frappe.db.rollback()  # read what the worker committed
		actions = frappe.get_all(
			"Workflow Action", filters={"reference_doctype": "Inspection Defect", "reference_name": ("in", names)},
			fields=["reference_name", "owner"],
		)  # fmt: skip
		self.assertEqual(sorted(a.reference_name for a in actions), sorted(names), "one each")
		self.assertEqual({a.owner for a in actions}, {agent}, "as the uploader")
		self.assertEqual(
			frappe.db.count("Complaint Topic", {"building": building.name, "problem_category": "外墙渗漏", "is_systemic": 1}), 1
		)
