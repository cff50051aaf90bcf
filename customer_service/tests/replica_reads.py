"""Reads that a MariaDB read replica answers: `make test-replica` only.

`make test-replica` starts a MariaDB primary and a real replica of it (binlog replication, the
replica read-only) on loopback ports, makes a site on the primary with the demo data and sets
`read_from_replica`, `replica_host` and `replica_db_port`. These tests go over HTTP to the served
site, as the desk and the portal do, and read the replica's own counters: every report, the
workbench's cards and charts, and the portal's read APIs are answered there, with the rows the
primary gives; writes still go to the primary.

The file is not named test_*.py: `make test` has no replica and does not collect it.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

import frappe
import pymysql
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from customer_service.setup.workspace import CHARTS, CUSTOM_CARDS, NUMBER_CARDS, REPORTS
from customer_service.tests.factories import (
	make_building,
	make_company,
	make_portal_homeowner,
	make_project,
	make_reception,
	make_task,
	make_unit,
	make_user,
)
from customer_service.tests.http_client import PASSWORD, Client

# what the test process itself reads, it reads from the primary: the figures to compare with
frappe.local.conf.read_from_replica = 0


def replica(admin: bool = False):
	"""A connection to the replica: as the site's database user, or as the database admin."""
	conf = frappe.conf
	if admin:
		user = os.environ["CS_DB_ADMIN_USER"]
		with open(os.environ["CS_DB_ADMIN_PASSWORD_FILE"]) as secret:
			password = secret.read().strip()
	else:
		user, password = conf.db_name, conf.db_password
	return pymysql.connect(
		host=conf.replica_host, port=int(conf.replica_db_port), user=user, password=password, database=conf.db_name,
		autocommit=True,
	)  # fmt: skip


def replica_selects() -> int:
	"""SELECT statements the replica has run since it started (its Com_select counter)."""
	with replica() as connection, connection.cursor() as cursor:
		cursor.execute("show global status like 'Com_select'")
		return int(cursor.fetchone()[1])


def wait_for_replica(timeout: int = 60) -> None:
	"""Until the replica has applied everything the primary has committed."""
	position = frappe.db.sql("select @@gtid_binlog_pos")[0][0]
	with replica() as connection, connection.cursor() as cursor:
		cursor.execute("select master_gtid_wait(%s, %s)", (position, timeout))
		if cursor.fetchone()[0] != 0:
			raise AssertionError(f"the replica did not reach {position} within {timeout} s")


def set_replication(running: bool) -> None:
	with replica(admin=True) as connection, connection.cursor() as cursor:
		cursor.execute("start slave" if running else "stop slave")


def same(value):
	"""A result as JSON would carry it (dates and decimals as the HTTP answer has them)."""
	return json.loads(frappe.as_json(value))


def answered_by_replica(test, call):
	"""Run `call` (an HTTP request); assert the replica ran SELECTs meanwhile; return the answer."""
	before = replica_selects()
	response = call()
	test.assertTrue(response.ok, response.text[:500])
	test.assertGreater(replica_selects(), before, "the replica answered nothing")
	return Client.message(response)


class TestReadReplica(FrappeTestCase):
	maxDiff = None

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.assert_replica_is_set_up()
		cls.manager = make_user(["CS Manager"], password=PASSWORD).name
		unit = make_unit()
		cls.building = unit.building
		cls.homeowner = make_portal_homeowner([unit.name], PASSWORD)
		cls.task = make_task(make_reception(unit, homeowner=cls.homeowner.name)).name
		frappe.db.commit()  # the server reads through its own connections, the replica from the binlog
		wait_for_replica()

	def setUp(self):
		wait_for_replica()  # what earlier tests committed is on the replica before it is compared

	@classmethod
	def assert_replica_is_set_up(cls):
		conf = frappe.conf
		missing = [key for key in ("replica_host", "replica_db_port") if not conf.get(key)]
		if missing or not frappe.get_site_config().get("read_from_replica"):
			raise AssertionError(f"{frappe.local.site} has no read replica set up ({missing}): run make test-replica")
		with replica(admin=True) as connection, connection.cursor(pymysql.cursors.DictCursor) as cursor:
			cursor.execute("show slave status")
			status = cursor.fetchone()
			cursor.execute("select @@read_only")
			read_only = cursor.fetchone()["@@read_only"]
		assert status and status["Slave_SQL_Running"] == "Yes", status
		assert read_only == 1, "the replica takes writes"

	@contextmanager
	def as_user(self, user: str):
		"""The user in this process, in their language (as the server answers them)."""
		from frappe.translate import get_user_lang

		lang = frappe.local.lang
		frappe.set_user(user)
		frappe.local.lang = get_user_lang(user)
		try:
			yield
		finally:
			frappe.set_user("Administrator")
			frappe.local.lang = lang

	def as_manager(self):
		return self.as_user(self.manager)

	def test_every_report_is_answered_by_the_replica_with_the_primary_rows(self):
		from frappe.desk.query_report import run

		client = Client(self.manager)
		for report in REPORTS:
			# each report's defaults; a unit's warranties are asked for by building
			filters = {"building": self.building} if report == "Warranty Status" else {}
			answer = answered_by_replica(
				self, lambda report=report: client.call("frappe.desk.query_report.run", report_name=report, filters=filters)
			)
			with self.as_manager():
				on_primary = same(run(report, filters=filters, ignore_prepared_report=True))
			self.assertEqual(answer["result"], on_primary["result"], report)
			self.assertTrue(answer["result"], f"{report} has no rows on the demo data")

	def test_workbench_cards_and_charts_are_answered_by_the_replica(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		client = Client(self.manager)
		for label, *_rest in NUMBER_CARDS:
			card = frappe.get_doc("Number Card", label)
			count = answered_by_replica(
				self,
				lambda card=card: client.call(
					"frappe.desk.doctype.number_card.number_card.get_result", doc=card.as_json(), filters=card.filters_json
				),
			)
			with self.as_manager():
				self.assertEqual(count, get_result(card.as_json(), card.filters_json), label)
		for label, method, *_rest in CUSTOM_CARDS:
			answered_by_replica(self, lambda method=method: client.call(method))
		agent = make_user(["CS Agent"], password=PASSWORD).name  # a restricted user's charts are their own
		company = frappe.db.get_value("Service Task", self.task, "company")
		frappe.get_doc({"doctype": "User Permission", "user": agent, "allow": "Service Organization", "for_value": company}).insert()
		frappe.db.commit()
		wait_for_replica()
		restricted = Client(agent)
		for chart_name, *_rest in CHARTS:  # the app's Grouped Count source, as the desk calls it
			chart = frappe.get_doc("Dashboard Chart", chart_name)
			method = f"customer_service.customer_service.dashboard_chart_source.{frappe.scrub(chart.source)}.{frappe.scrub(chart.source)}.get"
			counted = answered_by_replica(
				self, lambda chart=chart, method=method: restricted.call(method, chart_name=chart.name, filters=chart.filters_json)
			)
			# the company isolation holds on the replica: the agent's counts, as the primary gives them
			with self.as_user(agent):
				on_primary = same(frappe.get_attr(method)(chart_name=chart.name, filters=chart.filters_json))
			self.assertEqual(counted, on_primary, chart_name)
		# a chart an admin made with Frappe's own Group By, counted for the restricted user alone
		own = frappe.get_doc(
			{"doctype": "Dashboard Chart", "chart_name": f"Tasks by Priority {agent}", "chart_type": "Group By",
			 "document_type": "Service Task", "group_by_type": "Count", "group_by_based_on": "priority", "type": "Donut",
			 "filters_json": "[]", "is_public": 1, "timespan": "Last Year", "time_interval": "Monthly"}
		).insert()  # fmt: skip
		frappe.db.commit()
		wait_for_replica()
		answered_by_replica(
			self, lambda: restricted.call("frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart_name=own.name, filters="[]")
		)

	def test_portal_reads_are_answered_by_the_replica(self):
		client = Client(self.homeowner.user)
		requests_ = answered_by_replica(self, lambda: client.call("customer_service.api.portal.my_requests"))
		self.assertIn(self.task, json.dumps(requests_, default=str))
		for page in ("/owner", "/owner/requests"):  # the server-rendered pages
			before = replica_selects()
			response = client.get(page)
			self.assertEqual(response.status_code, 200, page)
			self.assertGreater(replica_selects(), before, page)
		reception = frappe.db.get_value("Service Task", self.task, "reception")
		self.assertIn(reception, client.get("/owner/requests").text)

	def test_a_stopped_replica_answers_with_what_it_had_and_writes_go_to_the_primary(self):
		"""Proof that the report really read the replica: while replication is stopped a new task
		is on the primary only, and the report over HTTP does not list it until replication runs."""
		client = Client(self.manager)
		filters = {"from_date": nowdate(), "to_date": nowdate(), "group_by": "Task"}

		def listed(name):
			answer = answered_by_replica(
				self, lambda: client.call("frappe.desk.query_report.run", report_name="SLA Compliance", filters=filters)
			)
			return name in json.dumps(answer["result"], default=str)

		set_replication(False)
		try:
			late = make_task(make_reception()).name
			frappe.db.commit()
			self.assertFalse(listed(late), "the report read the primary")
			# a save over REST goes to the primary (the replica is read-only)
			response = client.request("PUT", f"/api/resource/Service Task/{late}", json={"description": "改到主库"})
			self.assertTrue(response.ok, response.text[:500])
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value("Service Task", late, "description"), "改到主库")
		finally:
			set_replication(True)
		for _ in range(30):
			wait_for_replica()
			if listed(late):
				break
			time.sleep(1)
		else:
			self.fail("the replica never caught up")

	def test_a_scope_is_never_built_from_a_lagging_replica(self):
		"""An admin takes company B away from an agent while the replica lags: the agent's next card
		(read from the replica) must not cache the scope the replica still shows, or every process
		would let the agent into B's records. (A request's scope is built on the primary: by the
		portal fence before the request, and by get_scope itself inside frappe.read_only().)"""
		a_task = self.task
		company_a = frappe.db.get_value("Service Task", a_task, "company")
		company_b = make_company().name
		b_task = make_task(make_reception(make_unit(make_building(make_project(company=company_b).name)))).name
		agent = make_user(["CS Agent"], password=PASSWORD).name
		for company in (company_a, company_b):
			frappe.get_doc({"doctype": "User Permission", "user": agent, "allow": "Service Organization", "for_value": company}).insert()
		frappe.db.commit()
		wait_for_replica()
		client = Client(agent)
		self.assertTrue(client.get(f"/api/resource/Service Task/{b_task}").ok, "the agent works for B")
		set_replication(False)
		try:
			taken = frappe.get_value("User Permission", {"user": agent, "for_value": company_b})
			frappe.delete_doc("User Permission", taken)
			frappe.db.commit()
			card = frappe.get_doc("Number Card", NUMBER_CARDS[1][0])
			answered_by_replica(
				self,
				lambda: client.call("frappe.desk.doctype.number_card.number_card.get_result", doc=card.as_json(), filters=card.filters_json),
			)
		finally:
			set_replication(True)
		wait_for_replica()
		self.assertEqual(client.get(f"/api/resource/Service Task/{b_task}").status_code, 403)
		self.assertTrue(client.get(f"/api/resource/Service Task/{a_task}").ok)
