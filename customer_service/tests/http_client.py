"""A served test site and logged-in HTTP clients, for tests that go through the network the way
REST clients, the desk and the portal do.

`served_site()` starts gunicorn with two workers on a free loopback port for the site the tests
run on (once per test session; stopped when the session ends), serving the built assets too so
that a browser renders the pages as a visitor sees them. Records a test wants the server
to see must be committed first: the workers read through their own connections.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import subprocess
import sys
import time

import frappe
import requests

PASSWORD = "Matrix-Test-2026!"
_server: dict = {}


def served_site() -> str:
	"""The base URL of the running server (started on first use)."""
	if "url" not in _server:
		port = _free_port()
		log = open(os.path.join(frappe.get_site_path(), "logs", "test-http.log"), "a")
		process = subprocess.Popen(
			[sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "2", "-t", "120",
			 "--log-level", "warning", "frappe.app:application_with_statics()"],
			cwd=os.path.abspath(frappe.local.sites_path),
			stdout=log,
			stderr=log,
		)  # fmt: skip
		atexit.register(process.terminate)
		url = f"http://127.0.0.1:{port}"
		for _ in range(120):
			try:
				if requests.get(f"{url}/api/method/ping", headers=site_headers(), timeout=5).ok:
					break
			except requests.ConnectionError:
				pass
			if process.poll() is not None:
				raise RuntimeError("the test server stopped; see logs/test-http.log of the site")
			time.sleep(0.5)
		else:
			raise RuntimeError("the test server did not answer within a minute")
		_server.update(url=url, process=process)
	return _server["url"]


def site_headers() -> dict:
	return {"Host": frappe.local.site, "X-Frappe-Site-Name": frappe.local.site, "Accept": "application/json"}


def _free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


class Client:
	"""One user's session against the served site; `Client(None)` is a guest."""

	def __init__(self, user: str | None, password: str = PASSWORD):
		self.user = user or "Guest"
		self.url = served_site()
		self.http = requests.Session()
		self.http.headers.update(site_headers())
		if user:
			response = self.http.post(f"{self.url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
			assert response.ok, f"{user} could not log in: {response.text[:300]}"

	def request(self, method: str, path: str, **kwargs) -> requests.Response:
		return self.http.request(method, f"{self.url}{path}", timeout=60, **kwargs)

	def get(self, path: str, params: dict | None = None) -> requests.Response:
		return self.request("GET", path, params=params)

	def call(self, _method: str, /, **args) -> requests.Response:
		"""POST /api/method/<method> with the arguments form-encoded (JSON for lists and dicts)."""
		data = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in args.items() if v is not None}
		return self.request("POST", f"/api/method/{_method}", data=data)

	@staticmethod
	def message(response: requests.Response):
		try:
			return response.json().get("message")
		except ValueError:
			return None
