"""What the app's scheduled jobs share, so that RQ workers on several hosts can run them.

- `one_worker_at_a_time`: a job first takes a named lock in MariaDB, the one thing every host
  shares. A second worker that starts the same job while it runs leaves at once, doing nothing.
  The lock is held until the job's transaction ends (committed or rolled back), so the next run
  reads what this one wrote; a worker that dies loses its connection and with it the lock.
- `run_isolated`: one item of a job fails alone: it is logged and rolled back, the job goes on.
- `in_own_transaction`: the same for a job that commits per item (in a worker).

Each job is also idempotent on its own (a task climbs only when its level's time is up, a
scheduled revisit has a unique key), so a run that does start twice still writes nothing twice.
"""

from __future__ import annotations

import functools
import hashlib
import time

import frappe


def one_worker_at_a_time(job):
	"""Run the job unless another worker is running it now; then return None at once."""

	@functools.wraps(job)
	def run(*args, **kwargs):
		if not take_job_lock(f"{job.__module__}.{job.__qualname__}"):
			return None
		return job(*args, **kwargs)

	return run


def take_job_lock(job: str) -> bool:
	"""The job's lock for this transaction; False when another connection holds it. Named per
	database, so two sites on one MariaDB server do not wait for each other."""
	name = lock_name(job)
	if not frappe.db.sql("select get_lock(%s, 0)", name)[0][0]:
		return False

	def release():
		frappe.db.sql("select release_lock(%s)", name)

	frappe.db.after_commit.add(release)
	frappe.db.after_rollback.add(release)
	return True


def lock_name(job: str) -> str:
	# MariaDB lock names are at most 64 characters
	return "cs-job-" + hashlib.sha1(f"{frappe.conf.db_name}:{job}".encode()).hexdigest()


def run_isolated(action, title: str) -> bool:
	"""Run one item of a scheduled job; a failure is logged and rolled back, the job goes on."""
	savepoint = "cs_job_item"
	frappe.db.savepoint(savepoint)
	try:
		action()
		return True
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		frappe.log_error(title=title)
		return False


def in_own_transaction(action, title: str, attempts: int = 3) -> None:
	"""One item of a background job that commits per item, so that a user saving that record waits
	for it alone and a failure rolls back that item alone, logged; a deadlock's victim or a lock
	wait that timed out is tried again first (Frappe retries a whole job on these, but not an item
	the job caught). Called outside a worker (tests, `enqueue(now=True)`, the benchmark) the items
	are savepoints of the caller's transaction, as in `run_isolated`. Not for a job that holds
	`one_worker_at_a_time`'s lock: the first commit would release it."""
	if not getattr(frappe.local, "job", None):
		run_isolated(action, title)
		return
	for attempt in range(1, attempts + 1):
		try:
			action()
			frappe.db.commit()  # nosemgrep: frappe-commit-in-loop — one item per transaction (docstring)
			return
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			frappe.db.rollback()
			if attempt == attempts:
				break
			time.sleep(0.2 * attempt)
		except Exception:
			frappe.db.rollback()
			break
	frappe.log_error(title=title)
	frappe.db.commit()  # nosemgrep: frappe-commit-in-loop — that item's error log
