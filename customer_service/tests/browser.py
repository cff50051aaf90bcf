"""A real headless Chromium (Debian's `chromium`, driven by Debian's `chromium-driver` through
Selenium) at phone size, for the portal's browser test and its screenshots.

The served test site answers at http://<site>:<port>: Chromium resolves every `*.localhost`
name to the loopback address, and Frappe picks the site from the host name.
"""

from __future__ import annotations

import os
import shutil
from io import BytesIO
from urllib.parse import urlsplit

import frappe

from customer_service.tests.http_client import served_site

PHONE = (390, 844)  # CSS pixels of a common phone
CHROMIUM = os.environ.get("CS_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CS_CHROMEDRIVER", "/usr/bin/chromedriver")


def missing() -> str | None:
	"""What is not installed (make dev / make test install both), or None."""
	for path in (CHROMIUM, CHROMEDRIVER):
		if not shutil.which(path):
			return f"{path} is not installed: apt-get install chromium chromium-driver"
	return None


def site_url() -> str:
	"""The served site under its own host name (the browser sends it as Host)."""
	port = urlsplit(served_site()).port
	return f"http://{frappe.local.site}:{port}"


def phone(language: str = "zh-CN"):
	"""A Chromium window the size of a phone, with touch and the phone's pixel ratio."""
	from selenium import webdriver
	from selenium.webdriver.chrome.service import Service

	options = webdriver.ChromeOptions()
	options.binary_location = CHROMIUM
	for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--lang={language}"):
		options.add_argument(argument)
	width, height = PHONE
	options.add_experimental_option(
		"mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2, "touch": True}}
	)
	options.add_experimental_option("prefs", {"intl.accept_languages": language})
	options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
	driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
	driver.set_page_load_timeout(60)
	return driver


def desk(width: int = 1280, height: int = 900, language: str = "zh-CN"):
	"""A Chromium window of a laptop (or, narrower, a tablet) for the desk."""
	from selenium import webdriver
	from selenium.webdriver.chrome.service import Service

	options = webdriver.ChromeOptions()
	options.binary_location = CHROMIUM
	for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--lang={language}",
					 f"--window-size={width},{height}"):  # fmt: skip
		options.add_argument(argument)
	options.add_experimental_option("prefs", {"intl.accept_languages": language})
	options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
	driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
	driver.set_page_load_timeout(60)
	return driver


def desk_log_in(driver, url: str, user: str, password: str) -> None:
	from selenium.webdriver.support.ui import WebDriverWait

	driver.delete_all_cookies()
	driver.get(f"{url}/login")
	driver.find_element("css selector", "#login_email").send_keys(user)
	driver.find_element("css selector", "#login_password").send_keys(password)
	driver.find_element("css selector", ".btn-login").click()
	WebDriverWait(driver, 60).until(lambda d: "/app" in d.current_url, f"{user} did not reach the desk")


def js_errors(driver) -> list[str]:
	"""The page's console errors (Chromium's SEVERE entries)."""
	return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def photo_file(path: str, colour=(200, 120, 90)) -> str:
	"""A phone-camera-sized JPEG on disk, for the file input (the page shrinks it before upload)."""
	from PIL import Image, ImageDraw

	image = Image.new("RGB", (2400, 1800), (236, 231, 222))
	draw = ImageDraw.Draw(image)
	draw.line(((300, 200), (700, 800), (600, 1100), (1100, 1500)), fill=colour, width=24)
	buffer = BytesIO()
	image.save(buffer, format="JPEG", quality=90)
	with open(path, "wb") as f:
		f.write(buffer.getvalue())
	return path


def full_page_screenshot(driver, path: str) -> None:
	"""The whole page at phone width, the tab bar at its end (the page itself is left as it was:
	no change of the emulated screen, which would move what a later tap hits)."""
	import base64

	driver.execute_script("document.querySelectorAll('.cs-nav').forEach((nav) => nav.style.position = 'static')")
	try:
		size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
		shot = driver.execute_cdp_cmd(
			"Page.captureScreenshot",
			{"format": "png", "captureBeyondViewport": True,
			 "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}},
		)  # fmt: skip
		with open(path, "wb") as f:
			f.write(base64.b64decode(shot["data"]))
	finally:
		driver.execute_script("document.querySelectorAll('.cs-nav').forEach((nav) => nav.style.position = '')")


def take_screenshots(take, site: str, out_dir: str) -> None:
	"""`python -m customer_service.tests.<module> SITE DIR`: connect to the site, run `take(DIR)`
	and print the files it wrote (make screenshots)."""
	frappe.init(site=site, sites_path=os.getcwd())
	frappe.connect()
	os.makedirs(out_dir, exist_ok=True)
	try:
		for file in take(out_dir):
			print(file)
	finally:
		frappe.destroy()
