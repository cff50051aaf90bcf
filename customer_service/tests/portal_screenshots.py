"""Screenshots of every portal page at phone size, from the demo site, for docs/portal/.

    make screenshots        (runs: python -m customer_service.tests.portal_screenshots SITE DIR)

Logs in as the demo's homeowners and contractor (customer_service/demo.py) in the same headless
Chromium the browser test drives, and only looks: nothing is submitted.
"""

from __future__ import annotations

import os
import sys
import tempfile


from customer_service.demo import DEMO_DOMAIN, DEMO_PASSWORD
from customer_service.tests import browser

PAGES = (
	# (file, who logs in (None: a guest), path, what to type before the shot)
	("login", None, "/owner/login", None),
	("home", "13906001001", "/owner", None),
	("report", "13906001001", "/owner/report?unit=海湾花园-1栋-1-101", "report"),
	("requests", "13906001001", "/owner/requests", None),
	("handover", "13906001008", "/owner/handover", None),
	("handover-signed", "13906001005", "/owner/handover", None),
	("contractor", f"zjhx@{DEMO_DOMAIN}", "/contractor", None),
	("contractor-rejected", f"dfyh@{DEMO_DOMAIN}", "/contractor?status=all", None),
	("contractor-item", f"zjhx@{DEMO_DOMAIN}", "item", None),
	("home-en", "13906001001", "/owner?_lang=en", None),
)


def log_in(driver, url: str, login: str) -> None:
	from selenium.webdriver.support.ui import WebDriverWait

	driver.delete_all_cookies()
	driver.get(f"{url}/owner/login")
	driver.find_element("css selector", "#cs-usr").send_keys(login)
	driver.find_element("css selector", "#cs-pwd").send_keys(DEMO_PASSWORD)
	button = driver.find_element("css selector", "#cs-password button[type=submit]")
	driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
	button.click()
	WebDriverWait(driver, 30).until(lambda d: "/owner/login" not in d.current_url, f"{login} could not log in")


def take(out_dir: str) -> list[str]:
	url = browser.site_url()
	driver = browser.phone()
	taken, current = [], "nobody"
	try:
		for name, login, path, fill in PAGES:
			if login != current:
				driver.delete_all_cookies()
				if login:
					log_in(driver, url, login)
				current = login
			if path == "item":
				path = driver.find_element("css selector", "a.cs-item").get_attribute("href").replace(url, "")
				driver.get(f"{url}{path}")
			else:
				driver.get(f"{url}{path}")
			if fill == "report":
				driver.find_element("css selector", "#cs-description").send_keys("主卧窗台下雨后渗水，墙面有水印")
				photo = browser.photo_file(os.path.join(tempfile.mkdtemp(), "window.jpg"))
				driver.find_element("css selector", "#cs-photos").send_keys(photo)
			file = os.path.join(out_dir, f"{name}.png")
			browser.full_page_screenshot(driver, file)
			taken.append(file)
	finally:
		driver.quit()
	return taken


if __name__ == "__main__":
	browser.take_screenshots(take, *sys.argv[1:3])
