"""Screenshots of the desk for the README (docs/desk/): the workbench at 1280 px and at tablet
width, a report and a task, from the demo site, as the demo's Xiamen manager.

    make screenshots        (runs: python -m customer_service.tests.desk_screenshots SITE DIR)
"""

from __future__ import annotations

import os
import sys
import time
from urllib.parse import quote

import frappe

from customer_service.demo import DEMO_DOMAIN, DEMO_PASSWORD
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




def take(out_dir: str) -> list[str]:
	url = browser.site_url()
	task = frappe.db.get_value("Service Task", {"escalation_level": (">", 0), "project": "海湾花园"}, "name", order_by="creation desc")
	shots = (
		# name, window, path, what must have drawn
		("workbench", (1280, 2300), f"/app/{quote(WORKSPACE)}", ".widget.number-widget-box"),
		("workbench-tablet", (820, 3000), f"/app/{quote(WORKSPACE)}", ".widget.number-widget-box"),
		("report-satisfaction", (1280, 1000), f"/app/query-report/{quote('Satisfaction Rate')}?group_by=Project", ".dt-row"),
		("report-ageing", (1280, 1000), f"/app/query-report/{quote('Task Ageing')}", ".dt-row"),
		("task", (1280, 1600), f"/app/service-task/{task}", ".form-layout"),
	)
	taken = []
	for name, (width, height), path, selector in shots:
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
