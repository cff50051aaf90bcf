"""Screenshots of the desk for the README (docs/desk/): the workbench at 1280 px and at tablet
width, reports, a task and the Report Builder steps of docs/report-builder.md, from the demo
site, as the demo's Xiamen manager.

    make screenshots        (runs: python -m customer_service.tests.desk_screenshots SITE DIR)
"""

from __future__ import annotations

import os
import sys
import time
from urllib.parse import quote

import frappe

from customer_service.demo import DEMO_DOMAIN, DEMO_PASSWORD, SAVED_REPORT
from customer_service.setup.workspace import WORKSPACE
from customer_service.tests import browser

MANAGER = f"manager@{DEMO_DOMAIN}"


def settle(driver, selector: str, seconds: int = 60) -> None:
	"""Wait for the page's widgets (cards, charts, a report's table) to have drawn."""
	from selenium.webdriver.support.ui import WebDriverWait

	WebDriverWait(driver, seconds).until(lambda d: d.find_elements("css selector", selector), f"{selector} never appeared")
	time.sleep(3)
	# the announcements pop up at login until read: read them (the workbench lists them too)
	for _ in range(5):
		driver.execute_script("if (window.cur_dialog) cur_dialog.hide()")
		time.sleep(0.5)
	time.sleep(2)




def forget_report_view_settings(user: str, doctype: str) -> None:
	"""Start the Report Builder shots from the view a manager sees the first time (Frappe keeps the
	last columns, filters and group-by of each user's report view)."""
	frappe.db.delete("__UserSettings", {"user": user, "doctype": doctype})
	frappe.db.commit()
	frappe.cache.hdel("_user_settings", f"{doctype}::{user}")


def take(out_dir: str) -> list[str]:
	url = browser.site_url()
	finished = quote(frappe.as_json(["in", ["Completed", "Closed"]], indent=None))
	by_category = quote(frappe.as_json(["`tabService Task`.`problem_category`", None, "count"], indent=None))
	task = frappe.db.get_value("Service Task", {"escalation_level": (">", 0), "project": "海湾花园"}, "name", order_by="creation desc")
	shots = (
		# name, window, path, what must have drawn
		("workbench", (1280, 2300), f"/app/{quote(WORKSPACE)}", ".widget.number-widget-box"),
		("workbench-tablet", (820, 3000), f"/app/{quote(WORKSPACE)}", ".widget.number-widget-box"),
		("report-satisfaction", (1280, 1000), f"/app/query-report/{quote('Satisfaction Rate')}?group_by=Project", ".dt-row"),
		("report-ageing", (1280, 1000), f"/app/query-report/{quote('Task Ageing')}", ".dt-row"),
		("task", (1280, 1600), f"/app/service-task/{task}", ".form-layout"),
		# docs/report-builder.md: the finished tasks, counted by category, the saved report
		("report-builder-tasks", (1280, 800), f"/app/service-task/view/report?status_category={finished}", ".dt-row"),
		("report-builder-saved", (1280, 800), f"/app/service-task/view/report/{quote(SAVED_REPORT)}", ".dt-row"),
		(
			"report-builder-count",
			(1280, 800),
			f"/app/service-task/view/report?status_category={finished}&_group_by={by_category}",
			".dt-row",
		),
	)
	taken = []
	for name, (width, height), path, selector in shots:
		if name.startswith("report-builder"):
			forget_report_view_settings(MANAGER, "Service Task")
		driver = browser.desk(width, height)
		try:
			browser.desk_log_in(driver, url, MANAGER, DEMO_PASSWORD)
			driver.get(f"{url}{path}")
			settle(driver, selector)
			file = os.path.join(out_dir, f"{name}.png")
			driver.save_screenshot(file)
			taken.append(file)
		finally:
			driver.quit()
	return taken


if __name__ == "__main__":
	browser.take_screenshots(take, *sys.argv[1:3])
