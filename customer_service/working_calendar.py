"""Working calendar and SLA deadlines: pure logic, standard library only, no Frappe.

Working time is Monday to Friday between ``work_start`` and ``work_end``
(09:00-18:00 by default), with exceptions per date: a public holiday on a weekday
(``False``, e.g. 国庆节) or a make-up workday (调休, ``True``) on a Saturday or Sunday.
A working day is the half-open period ``[work_start, work_end)``; there is no lunch break.

Every datetime is a *naive local time in Asia/Shanghai*. China has observed no
daylight saving time since 1991, so wall-clock arithmetic is exact and no DST
handling exists here; timezone-aware datetimes are refused (ValueError) rather
than silently mixed with naive ones. Convert at the boundary (e.g. with
``frappe.utils.convert_utc_to_system_timezone``) before calling in.

Arithmetic is done on ``timedelta`` (whole microseconds), so it is exact; the
``*_hours`` methods convert floats at the edge. Long spans do not loop per hour
or even per day: whole weeks without exceptions are skipped in one step and
working days in a range are counted arithmetically, so the cost grows with the
number of exception dates involved, not with the length of the span.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

ONE_HOUR = timedelta(hours=1)
DEFAULT_WORK_START = time(9, 0)
DEFAULT_WORK_END = time(18, 0)
DEFAULT_EMERGENCY_HOURS = 2
DEFAULT_RESPONSE_WORKING_HOURS = 9


def _check_datetime(value: object, name: str) -> datetime:
	if not isinstance(value, datetime):
		raise TypeError(f"{name} must be a datetime, not {type(value).__name__}")
	if value.tzinfo is not None:
		raise ValueError(f"{name} must be a naive Asia/Shanghai local time, got tzinfo={value.tzinfo}")
	return value


def _hours_to_timedelta(hours: object, name: str = "hours") -> timedelta:
	if isinstance(hours, bool) or not isinstance(hours, int | float):
		raise TypeError(f"{name} must be a number of hours, not {type(hours).__name__}")
	if not math.isfinite(hours):
		raise ValueError(f"{name} must be finite, got {hours}")
	if hours < 0:
		raise ValueError(f"{name} must not be negative, got {hours}")
	return timedelta(hours=hours)


def _weekdays_in(first: date, last: date) -> int:
	"""How many Mondays to Fridays lie in ``[first, last]`` (0 if last < first)."""
	days = (last - first).days + 1
	if days <= 0:
		return 0
	weeks, extra = divmod(days, 7)
	start = first.weekday()
	return weeks * 5 + sum(1 for i in range(extra) if (start + i) % 7 < 5)


class WorkingCalendar:
	"""Monday-Friday office hours plus per-date exceptions. Immutable and hashable.

	``exceptions`` is an iterable of ``(date, is_working_day)`` pairs. An entry that
	agrees with the plain weekday rule (a holiday that falls on a Saturday, a
	"working" Tuesday) changes nothing and is dropped; the same date given twice
	with opposite values is a ValueError.
	"""

	__slots__ = ("_work_start", "_work_end", "_day", "_exceptions", "_exception_dates")

	def __init__(
		self,
		work_start: time = DEFAULT_WORK_START,
		work_end: time = DEFAULT_WORK_END,
		exceptions: Iterable[tuple[date, bool]] = (),
	) -> None:
		for name, value in (("work_start", work_start), ("work_end", work_end)):
			if not isinstance(value, time):
				raise TypeError(f"{name} must be a datetime.time, not {type(value).__name__}")
			if value.tzinfo is not None:
				raise ValueError(f"{name} must be a naive local time")
		if work_start >= work_end:
			raise ValueError(f"work_start {work_start} must be before work_end {work_end}")

		given: dict[date, bool] = {}
		for entry in exceptions:
			try:
				day, working = entry
			except (TypeError, ValueError):
				raise ValueError(
					f"an exception must be a (date, is_working_day) pair, got {entry!r}"
				) from None
			if isinstance(day, datetime) or not isinstance(day, date):
				raise TypeError(f"exception date must be a datetime.date, got {day!r}")
			if not isinstance(working, bool):
				raise TypeError(f"is_working_day for {day} must be a bool, got {working!r}")
			if given.setdefault(day, working) != working:
				raise ValueError(f"{day} is given both as a working day and as a holiday")

		effective = {day: working for day, working in given.items() if working != (day.weekday() < 5)}
		set_ = object.__setattr__
		set_(self, "_work_start", work_start)
		set_(self, "_work_end", work_end)
		set_(self, "_day", datetime.combine(date.min, work_end) - datetime.combine(date.min, work_start))
		set_(self, "_exceptions", MappingProxyType(effective))
		set_(self, "_exception_dates", tuple(sorted(effective)))

	def __setattr__(self, name: str, value: object) -> None:
		raise AttributeError(f"{type(self).__name__} is immutable")

	def __delattr__(self, name: str) -> None:
		raise AttributeError(f"{type(self).__name__} is immutable")

	def __repr__(self) -> str:
		return (
			f"{type(self).__name__}(work_start={self._work_start!r}, work_end={self._work_end!r}, "
			f"exceptions=<{len(self._exceptions)} dates>)"
		)

	def __eq__(self, other: object) -> bool:
		if not isinstance(other, WorkingCalendar):
			return NotImplemented
		return (self._work_start, self._work_end, dict(self._exceptions)) == (
			other._work_start,
			other._work_end,
			dict(other._exceptions),
		)

	def __hash__(self) -> int:
		return hash((self._work_start, self._work_end, frozenset(self._exceptions.items())))

	# -- read-only properties -------------------------------------------------

	@property
	def work_start(self) -> time:
		return self._work_start

	@property
	def work_end(self) -> time:
		return self._work_end

	@property
	def hours_per_day(self) -> float:
		return self._day / ONE_HOUR

	@property
	def exceptions(self) -> Mapping[date, bool]:
		"""The exceptions that differ from the weekday rule (read-only)."""
		return self._exceptions

	# -- days -------------------------------------------------------------------

	def is_working_day(self, d: date) -> bool:
		"""Weekday rule (Mon-Fri) unless the date is an exception. A datetime counts by its date."""
		if isinstance(d, datetime):
			d = d.date()
		elif not isinstance(d, date):
			raise TypeError(f"expected a date, not {type(d).__name__}")
		working = self._exceptions.get(d)
		return d.weekday() < 5 if working is None else working

	def is_working_time(self, dt: datetime) -> bool:
		"""True inside ``[work_start, work_end)`` of a working day."""
		_check_datetime(dt, "dt")
		return self.is_working_day(dt.date()) and self._work_start <= dt.time() < self._work_end

	def working_days_between(self, first: date, last: date) -> int:
		"""How many working days lie in ``[first, last]``, both included (0 if last < first)."""
		if last < first:
			return 0
		count = _weekdays_in(first, last)
		dates = self._exception_dates
		for d in dates[bisect_left(dates, first) : bisect_right(dates, last)]:
			count += 1 if self._exceptions[d] else -1
		return count

	def next_working_day(self, d: date, n: int = 1) -> date:
		"""The n-th working day strictly after ``d`` (n >= 1)."""
		if n < 1:
			raise ValueError(f"n must be at least 1, got {n}")
		if n <= 3:  # a step or two: walk
			while True:
				d += timedelta(days=1)
				if self.is_working_day(d):
					n -= 1
					if n == 0:
						return d
		# Far ahead: the smallest offset whose range (d, d + offset] holds n working days, found by
		# doubling then bisecting on working_days_between (arithmetic on weeks plus the exceptions
		# in range), so dense holidays cost a logarithm, not a loop per day.
		low, high = n, n
		while self.working_days_between(d + timedelta(days=1), d + timedelta(days=high)) < n:
			low, high = high + 1, high * 2
		while low < high:
			middle = (low + high) // 2
			if self.working_days_between(d + timedelta(days=1), d + timedelta(days=middle)) < n:
				low = middle + 1
			else:
				high = middle
		return d + timedelta(days=low)

	def previous_working_day(self, d: date) -> date:
		"""The last working day strictly before ``d``."""
		while True:
			d -= timedelta(days=1)
			if self.is_working_day(d):
				return d

	# -- moments ----------------------------------------------------------------

	def next_working_start(self, dt: datetime) -> datetime:
		"""``dt`` itself if it is working time, else the start of the next working period.

		``work_end`` is not working time: 18:00 on a Monday gives Tuesday 09:00.
		"""
		_check_datetime(dt, "dt")
		d = dt.date()
		if self.is_working_day(d) and dt.time() < self._work_end:
			return max(dt, datetime.combine(d, self._work_start))
		return datetime.combine(self.next_working_day(d), self._work_start)

	def previous_working_end(self, dt: datetime) -> datetime:
		"""The latest moment at or before ``dt`` that closes working time.

		``dt`` itself when it lies within ``[work_start, work_end]`` of a working day,
		else ``work_end`` of the working day before it (or of the same day, after hours).
		"""
		_check_datetime(dt, "dt")
		d = dt.date()
		if self.is_working_day(d):
			if dt.time() >= self._work_end:
				return datetime.combine(d, self._work_end)
			if dt.time() >= self._work_start:
				return dt
		return datetime.combine(self.previous_working_day(d), self._work_end)

	def add_working_time(self, start: datetime, delta: timedelta) -> datetime:
		"""Exact form of :meth:`add_working_hours` taking a non-negative timedelta."""
		_check_datetime(start, "start")
		if not isinstance(delta, timedelta):
			raise TypeError(f"delta must be a timedelta, not {type(delta).__name__}")
		if delta < timedelta(0):
			raise ValueError(f"delta must not be negative, got {delta}")
		current = self.next_working_start(start)
		d = current.date()
		first_day_left = datetime.combine(d, self._work_end) - current
		if delta <= first_day_left:
			return current + delta
		days, rest = divmod(delta - first_day_left, self._day)
		if not rest:
			# Ends exactly at closing time: stay at work_end, not the next morning.
			return datetime.combine(self.next_working_day(d, days), self._work_end)
		return datetime.combine(self.next_working_day(d, days + 1), self._work_start) + rest

	def add_working_hours(self, start: datetime, hours: float) -> datetime:
		"""The moment when ``hours`` of working time have elapsed after ``start``.

		Counting begins at :meth:`next_working_start` of ``start``, so 0 hours gives
		``start`` inside working time and the next opening otherwise. A deadline
		that lands exactly on ``work_end`` stays there (it does not roll over to the
		next morning).
		"""
		return self.add_working_time(start, _hours_to_timedelta(hours))

	def working_time_between(self, start: datetime, end: datetime) -> timedelta:
		"""Exact form of :meth:`working_hours_between`."""
		_check_datetime(start, "start")
		_check_datetime(end, "end")
		if end <= start:
			return timedelta(0)
		begin = self.next_working_start(start)
		finish = self.previous_working_end(end)
		if finish <= begin:
			return timedelta(0)
		first, last = begin.date(), finish.date()
		if first == last:
			return finish - begin
		return (
			(datetime.combine(first, self._work_end) - begin)
			+ (finish - datetime.combine(last, self._work_start))
			+ self._day * self.working_days_between(first + timedelta(days=1), last - timedelta(days=1))
		)

	def working_hours_between(self, start: datetime, end: datetime) -> float:
		"""Working hours in ``[start, end)``; 0 if ``end <= start``.

		Inverse of :meth:`add_working_hours`: for ``end`` inside working time (or
		exactly at a ``work_end``), ``add_working_hours(start, working_hours_between(start, end)) == end``.
		"""
		return self.working_time_between(start, end) / ONE_HOUR


# -- SLA helpers -------------------------------------------------------------------


def add_clock_hours(start: datetime, hours: float) -> datetime:
	"""Plain wall-clock time (emergencies): nights, weekends and holidays all count."""
	_check_datetime(start, "start")
	return start + _hours_to_timedelta(hours)


def response_deadline(
	received: datetime,
	emergency: bool,
	calendar: WorkingCalendar,
	emergency_hours: float = DEFAULT_EMERGENCY_HOURS,
	response_working_hours: float = DEFAULT_RESPONSE_WORKING_HOURS,
) -> datetime:
	"""When a reception must be answered: ``emergency_hours`` on the clock for an
	emergency, else ``response_working_hours`` of working time."""
	if emergency:
		return add_clock_hours(received, emergency_hours)
	return calendar.add_working_hours(received, response_working_hours)


def resume_after_pause(
	calendar: WorkingCalendar, deadline: datetime, paused_since: datetime, resumed_at: datetime
) -> datetime:
	"""A deadline after its clock was stopped from ``paused_since`` to ``resumed_at``: the working
	time that was left when the pause began runs again from ``resumed_at`` (the same as pushing
	the deadline out by the working time inside the pause). A deadline already reached when the
	pause began stays where it was: pausing an overdue task does not un-breach it."""
	for name, value in (("deadline", deadline), ("paused_since", paused_since), ("resumed_at", resumed_at)):
		_check_datetime(value, name)
	if resumed_at < paused_since:
		raise ValueError(f"resumed at {resumed_at}, before the pause began at {paused_since}")
	if deadline <= paused_since:
		return deadline
	return calendar.add_working_time(resumed_at, calendar.working_time_between(paused_since, deadline))
