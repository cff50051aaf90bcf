"""Working calendar / SLA engine: pure logic, no Frappe.

Holiday data used below is the official 2026 schedule, 国务院办公厅关于2026年部分节假日安排的通知
(issued 2025-11-04, published by Xinhua):

  元旦    Jan 1 (Thu) - Jan 3 (Sat) off;                 Jan 4 (Sun) is a make-up workday
  春节    Feb 15 (Sun) - Feb 23 (Mon) off, 9 days;       Feb 14 (Sat) and Feb 28 (Sat) make-up workdays
  清明节  Apr 4 (Sat) - Apr 6 (Mon) off
  劳动节  May 1 (Fri) - May 5 (Tue) off;                 May 9 (Sat) make-up workday
  端午节  Jun 19 (Fri) - Jun 21 (Sun) off
  中秋节  Sep 25 (Fri) - Sep 27 (Sun) off
  国庆节  Oct 1 (Thu) - Oct 7 (Wed) off, 7 days;         Sep 20 (Sun) and Oct 10 (Sat) make-up workdays

Note that Sunday 2026-09-27 is a 中秋 holiday, not a make-up day: the National Day
make-up days are Sunday Sep 20 and Saturday Oct 10. The 2027 schedule is not assumed
anywhere; tests crossing into 2027 either use no 2027 exceptions or say so.
"""

import random
from datetime import date, datetime, time, timedelta, timezone

import pytest

from customer_service.working_calendar import (
	WorkingCalendar,
	add_clock_hours,
	response_deadline,
	resume_after_pause,
)


def days(first: str, last: str) -> list[date]:
	a, b = date.fromisoformat(first), date.fromisoformat(last)
	return [a + timedelta(days=i) for i in range((b - a).days + 1)]


HOLIDAYS_2026 = (
	days("2026-01-01", "2026-01-03")
	+ days("2026-02-15", "2026-02-23")
	+ days("2026-04-04", "2026-04-06")
	+ days("2026-05-01", "2026-05-05")
	+ days("2026-06-19", "2026-06-21")
	+ days("2026-09-25", "2026-09-27")
	+ days("2026-10-01", "2026-10-07")
)
MAKEUP_WORKDAYS_2026 = [
	date(2026, 1, 4),
	date(2026, 2, 14),
	date(2026, 2, 28),
	date(2026, 5, 9),
	date(2026, 9, 20),
	date(2026, 10, 10),
]
CN_2026 = [(d, False) for d in HOLIDAYS_2026] + [(d, True) for d in MAKEUP_WORKDAYS_2026]

PLAIN = WorkingCalendar()  # Mon-Fri 09:00-18:00, no holidays at all
CN = WorkingCalendar(exceptions=CN_2026)
EARLY = WorkingCalendar(time(8, 30), time(17, 30))  # 9 hours too, shifted by half an hour

# Reference week: Mon 2026-03-02 .. Sun 2026-03-08 has no exceptions.
MON, TUE, WED, THU, FRI, SAT, SUN = (f"2026-03-0{i}" for i in range(2, 9))
NEXT_MON, NEXT_TUE = "2026-03-09", "2026-03-10"


def at(day: str, clock: str = "00:00") -> datetime:
	return datetime.fromisoformat(f"{day} {clock}")


# ---------------------------------------------------------------------------
# Naive reference implementation: one day at a time, straight from the rules.
# ---------------------------------------------------------------------------


def ref_is_working_day(d: date, exceptions: dict) -> bool:
	return exceptions.get(d, d.weekday() < 5)


def ref_between(start, end, ws, we, exceptions) -> timedelta:
	total = timedelta(0)
	d = start.date()
	while d <= end.date():
		if ref_is_working_day(d, exceptions):
			lo = max(start, datetime.combine(d, ws))
			hi = min(end, datetime.combine(d, we))
			if hi > lo:
				total += hi - lo
		d += timedelta(days=1)
	return total


def ref_add(start, delta, ws, we, exceptions) -> datetime:
	d = start.date()
	while True:
		if ref_is_working_day(d, exceptions):
			lo = max(start, datetime.combine(d, ws))
			hi = datetime.combine(d, we)
			if lo < hi:
				if delta <= hi - lo:
					return lo + delta
				delta -= hi - lo
		d += timedelta(days=1)


# ---------------------------------------------------------------------------
# Days
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"day, working",
	[(MON, True), (TUE, True), (WED, True), (THU, True), (FRI, True), (SAT, False), (SUN, False)],
)
def test_weekday_rule(day, working):
	assert PLAIN.is_working_day(date.fromisoformat(day)) is working


@pytest.mark.parametrize("d", days("2026-10-01", "2026-10-07"))
def test_national_day_week_is_off(d):
	assert not CN.is_working_day(d)
	assert PLAIN.is_working_day(d) is (d.weekday() < 5)  # without exceptions only the weekend is off


@pytest.mark.parametrize(
	"day, working",
	[
		("2026-09-18", True),  # Fri
		("2026-09-19", False),  # Sat, ordinary weekend
		("2026-09-20", True),  # Sun, 国庆 make-up workday
		("2026-09-25", False),  # Fri, 中秋节
		("2026-09-27", False),  # Sun, 中秋节 (not a make-up day)
		("2026-09-30", True),  # Wed, last day before 国庆
		("2026-10-08", True),  # Thu, back to work
		("2026-10-10", True),  # Sat, 国庆 make-up workday
		("2026-10-11", False),  # Sun
		("2026-02-14", True),  # Sat, 春节 make-up
		("2026-02-23", False),  # Mon, last day of 春节
		("2026-02-28", True),  # Sat, 春节 make-up
		("2026-01-04", True),  # Sun, 元旦 make-up
		("2026-05-09", True),  # Sat, 劳动节 make-up
		("2026-04-06", False),  # Mon, 清明节
		("2026-06-19", False),  # Fri, 端午节
	],
)
def test_2026_exceptions(day, working):
	assert CN.is_working_day(date.fromisoformat(day)) is working


def test_is_working_day_accepts_a_datetime_by_its_date():
	assert not CN.is_working_day(at("2026-10-01", "10:00"))
	assert CN.is_working_day(at("2026-10-10", "23:59"))


def test_working_days_in_2026():
	# 261 weekdays; 19 weekday holidays (Jan 1-2, Feb 16-20 and 23, Apr 6, May 1, 4, 5,
	# Jun 19, Sep 25, Oct 1, 2, 5, 6, 7); 6 make-up weekend days -> 248 working days.
	assert PLAIN.working_days_between(date(2026, 1, 1), date(2026, 12, 31)) == 261
	assert CN.working_days_between(date(2026, 1, 1), date(2026, 12, 31)) == 248
	assert CN.working_days_between(date(2026, 12, 31), date(2026, 1, 1)) == 0
	assert PLAIN.working_hours_between(at("2026-01-01"), at("2027-01-01")) == 261 * 9
	assert CN.working_hours_between(at("2026-01-01"), at("2027-01-01")) == 248 * 9


def test_next_and_previous_working_day():
	assert CN.next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)
	assert CN.next_working_day(date(2026, 10, 9)) == date(2026, 10, 10)
	assert CN.next_working_day(date(2026, 9, 30), 4) == date(2026, 10, 12)
	assert CN.previous_working_day(date(2026, 10, 8)) == date(2026, 9, 30)
	assert CN.previous_working_day(date(2026, 2, 24)) == date(2026, 2, 14)
	assert PLAIN.next_working_day(date.fromisoformat(FRI)) == date.fromisoformat(NEXT_MON)


def test_next_working_day_matches_a_day_by_day_walk():
	exceptions = dict(CN_2026)
	for offset in range(0, 400, 3):
		d = date(2025, 12, 1) + timedelta(days=offset)
		for n in (1, 2, 5, 6, 11, 40):
			walk, left = d, n
			while left:
				walk += timedelta(days=1)
				left -= ref_is_working_day(walk, exceptions)
			assert CN.next_working_day(d, n) == walk, (d, n)


@pytest.mark.parametrize(
	"moment, working",
	[
		(at(MON, "08:59:59"), False),
		(at(MON, "09:00"), True),
		(at(MON, "17:59:59.999999"), True),
		(at(MON, "18:00"), False),
		(at(SAT, "10:00"), False),
		(at("2026-10-10", "10:00"), True),
	],
)
def test_is_working_time(moment, working):
	cal = CN if moment.year == 2026 and moment.month == 10 else PLAIN
	assert cal.is_working_time(moment) is working


# ---------------------------------------------------------------------------
# next_working_start
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"moment, expected",
	[
		(at(MON, "10:15"), at(MON, "10:15")),  # inside: unchanged
		(at(MON, "09:00"), at(MON, "09:00")),
		(at(MON, "07:00"), at(MON, "09:00")),  # early morning
		(at(MON, "18:00"), at(TUE, "09:00")),  # closing time is not working time
		(at(MON, "22:30"), at(TUE, "09:00")),
		(at(FRI, "18:00"), at(NEXT_MON, "09:00")),
		(at(SAT, "11:00"), at(NEXT_MON, "09:00")),
		(at(SUN, "23:59"), at(NEXT_MON, "09:00")),
	],
)
def test_next_working_start(moment, expected):
	assert PLAIN.next_working_start(moment) == expected


def test_next_working_start_over_holidays():
	assert CN.next_working_start(at("2026-09-30", "18:00")) == at("2026-10-08", "09:00")
	assert CN.next_working_start(at("2026-09-19", "12:00")) == at("2026-09-20", "09:00")


# ---------------------------------------------------------------------------
# add_working_hours, default 09:00-18:00
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, hours, expected",
	[
		# within a day
		(at(MON, "10:00"), 2, at(MON, "12:00")),
		(at(MON, "10:30"), 1.5, at(MON, "12:00")),
		(at(MON, "09:00"), 0.25, at(MON, "09:15")),
		(at(MON, "17:59"), 1 / 60, at(MON, "18:00")),
		(at(MON, "09:00"), 8.5, at(MON, "17:30")),
		# crossing the night
		(at(MON, "17:00"), 2, at(TUE, "10:00")),
		(at(MON, "16:00"), 9, at(TUE, "16:00")),
		(at(MON, "10:00"), 18, at(WED, "10:00")),
		(at(MON, "17:30"), 1.5, at(TUE, "10:00")),
		# Friday evening -> Monday
		(at(FRI, "17:00"), 2, at(NEXT_MON, "10:00")),
		(at(FRI, "16:00"), 9, at(NEXT_MON, "16:00")),
		(at(FRI, "18:00"), 1, at(NEXT_MON, "10:00")),
		(at(FRI, "21:45"), 9, at(NEXT_MON, "18:00")),
		(at(THU, "12:00"), 27, at(NEXT_TUE, "12:00")),
		# starting on a Saturday / Sunday
		(at(SAT, "10:00"), 1, at(NEXT_MON, "10:00")),
		(at(SAT, "00:00"), 9, at(NEXT_MON, "18:00")),
		(at(SUN, "23:59"), 9.5, at(NEXT_TUE, "09:30")),
		# before 09:00 / after 18:00
		(at(MON, "07:30"), 1, at(MON, "10:00")),
		(at(MON, "00:00"), 9, at(MON, "18:00")),
		(at(MON, "08:59:59"), 0.5, at(MON, "09:30")),
		(at(MON, "18:00"), 1, at(TUE, "10:00")),
		(at(MON, "23:00"), 9.5, at(WED, "09:30")),
		# several whole days
		(at(MON, "09:00"), 45, at(FRI, "18:00")),
		(at(MON, "09:00"), 45.5, at(NEXT_MON, "09:30")),
		(at(WED, "13:00"), 90, at("2026-03-18", "13:00")),  # 10 whole days
	],
)
def test_add_working_hours(start, hours, expected):
	assert PLAIN.add_working_hours(start, hours) == expected


@pytest.mark.parametrize(
	"start, hours, expected",
	[
		(at(MON, "09:00"), 9, at(MON, "18:00")),
		(at(MON, "10:00"), 8, at(MON, "18:00")),
		(at(MON, "09:00"), 18, at(TUE, "18:00")),
		(at(MON, "09:00"), 27, at(WED, "18:00")),
		(at(MON, "17:00"), 1, at(MON, "18:00")),
		(at(MON, "17:00"), 10, at(TUE, "18:00")),
		(at(MON, "20:00"), 9, at(TUE, "18:00")),
		(at(FRI, "10:00"), 17, at(NEXT_MON, "18:00")),
		(at(SAT, "09:00"), 9, at(NEXT_MON, "18:00")),
	],
)
def test_deadline_landing_on_work_end_stays_that_evening(start, hours, expected):
	assert PLAIN.add_working_hours(start, hours) == expected


@pytest.mark.parametrize(
	"start, expected",
	[
		(at(MON, "10:00"), at(MON, "10:00")),
		(at(MON, "09:00"), at(MON, "09:00")),
		(at(MON, "17:59:59"), at(MON, "17:59:59")),
		(at(MON, "06:00"), at(MON, "09:00")),
		(at(MON, "18:00"), at(TUE, "09:00")),
		(at(FRI, "19:00"), at(NEXT_MON, "09:00")),
		(at(SAT, "12:00"), at(NEXT_MON, "09:00")),
	],
)
def test_adding_zero_hours(start, expected):
	assert PLAIN.add_working_hours(start, 0) == expected
	assert PLAIN.add_working_hours(start, 0.0) == expected


def test_microseconds_are_kept():
	start = datetime(2026, 3, 2, 10, 0, 0, 123456)
	assert PLAIN.add_working_hours(start, 1) == datetime(2026, 3, 2, 11, 0, 0, 123456)
	assert PLAIN.add_working_hours(start, 8) == datetime(2026, 3, 3, 9, 0, 0, 123456)


# ---------------------------------------------------------------------------
# Holidays: 2026 National Day, Mid-Autumn, Spring Festival, year end
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, hours, expected",
	[
		# Wed Sep 30 is the last day before the Oct 1-7 break
		(at("2026-09-30", "17:00"), 2, at("2026-10-08", "10:00")),
		(at("2026-09-30", "17:00"), 1, at("2026-09-30", "18:00")),
		(at("2026-09-30", "18:00"), 0, at("2026-10-08", "09:00")),
		(at("2026-09-30", "10:00"), 9, at("2026-10-08", "10:00")),
		# received during the break
		(at("2026-10-01", "08:00"), 1, at("2026-10-08", "10:00")),
		(at("2026-10-03", "12:00"), 9, at("2026-10-08", "18:00")),
		(at("2026-10-07", "23:59"), 0, at("2026-10-08", "09:00")),
		# make-up Saturday Oct 10 counts as a working day
		(at("2026-10-08", "09:00"), 18, at("2026-10-09", "18:00")),
		(at("2026-10-08", "09:00"), 27, at("2026-10-10", "18:00")),
		(at("2026-10-08", "09:00"), 28, at("2026-10-12", "10:00")),
		(at("2026-10-09", "17:00"), 2, at("2026-10-10", "10:00")),
		(at("2026-10-10", "17:00"), 2, at("2026-10-12", "10:00")),
		# make-up Sunday Sep 20 counts as a working day; Sat Sep 19 does not
		(at("2026-09-18", "17:00"), 2, at("2026-09-20", "10:00")),
		(at("2026-09-19", "10:00"), 1, at("2026-09-20", "10:00")),
		# 中秋: Fri Sep 25 off
		(at("2026-09-24", "17:00"), 2, at("2026-09-28", "10:00")),
		# across both breaks: Sep 24 (1h left) + Sep 28, 29, 30 + Oct 8 (4h)
		(at("2026-09-24", "17:00"), 32, at("2026-10-08", "13:00")),
	],
)
def test_national_day_2026(start, hours, expected):
	assert CN.add_working_hours(start, hours) == expected


@pytest.mark.parametrize(
	"start, hours, expected",
	[
		(at("2026-02-13", "17:00"), 2, at("2026-02-14", "10:00")),  # Fri -> make-up Sat
		(at("2026-02-14", "17:00"), 2, at("2026-02-24", "10:00")),  # make-up Sat -> after the 9 days off
		(at("2026-02-18", "10:00"), 9, at("2026-02-24", "18:00")),  # received during the holiday
		(at("2026-02-23", "17:00"), 1, at("2026-02-24", "10:00")),  # Mon Feb 23 is still a holiday
		(at("2026-02-27", "17:00"), 2, at("2026-02-28", "10:00")),  # Fri -> make-up Sat Feb 28
		(at("2026-02-28", "17:00"), 2, at("2026-03-02", "10:00")),
		(at("2026-02-12", "09:00"), 36, at("2026-02-24", "18:00")),  # Feb 12, 13, 14 then Feb 24
	],
)
def test_spring_festival_2026(start, hours, expected):
	assert CN.add_working_hours(start, hours) == expected


def test_spring_festival_week_has_no_working_time():
	assert CN.working_days_between(date(2026, 2, 15), date(2026, 2, 23)) == 0
	assert CN.working_hours_between(at("2026-02-14", "18:00"), at("2026-02-24", "09:00")) == 0
	assert CN.working_hours_between(at("2026-02-14", "09:00"), at("2026-02-24", "09:00")) == 9
	assert PLAIN.working_hours_between(at("2026-02-14", "09:00"), at("2026-02-24", "09:00")) == 6 * 9


def test_year_end_2025_into_2026():
	# Wed Dec 31 2025; Jan 1-3 off; Sun Jan 4 2026 is a make-up workday.
	assert CN.add_working_hours(at("2025-12-31", "17:00"), 2) == at("2026-01-04", "10:00")
	assert CN.add_working_hours(at("2025-12-31", "17:00"), 11) == at("2026-01-05", "10:00")
	assert CN.add_working_hours(at("2026-01-01", "10:00"), 9) == at("2026-01-04", "18:00")
	assert CN.working_hours_between(at("2025-12-31", "09:00"), at("2026-01-05", "09:00")) == 18


def test_year_end_2026_into_2027():
	# Without any 2027 data, Fri Jan 1 2027 is an ordinary Friday.
	assert CN.add_working_hours(at("2026-12-31", "17:00"), 2) == at("2027-01-01", "10:00")
	# Assuming Jan 1 2027 off (the 2027 schedule is not used here): on to Mon Jan 4.
	cal = WorkingCalendar(exceptions=[*CN_2026, (date(2027, 1, 1), False)])
	assert cal.add_working_hours(at("2026-12-31", "17:00"), 2) == at("2027-01-04", "10:00")
	assert cal.add_working_hours(at("2026-12-31", "18:00"), 9) == at("2027-01-04", "18:00")
	assert cal.working_hours_between(at("2026-12-31", "17:00"), at("2027-01-04", "10:00")) == 2


# ---------------------------------------------------------------------------
# Custom hours: 08:30-17:30 and fractional days
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, hours, expected",
	[
		(at(MON, "08:00"), 1.5, at(MON, "10:00")),
		(at(MON, "08:30"), 9, at(MON, "17:30")),
		(at(MON, "16:45"), 1.5, at(TUE, "09:15")),
		(at(MON, "17:30"), 0, at(TUE, "08:30")),
		(at(MON, "17:30"), 1.5, at(TUE, "10:00")),
		(at(FRI, "17:00"), 0.25, at(FRI, "17:15")),
		(at(FRI, "17:00"), 1.5, at(NEXT_MON, "09:30")),
		(at(FRI, "17:00"), 0.5, at(FRI, "17:30")),
		(at(SAT, "09:00"), 2.75, at(NEXT_MON, "11:15")),
		(at(MON, "12:00"), 14.5, at(TUE, "17:30")),
	],
)
def test_custom_hours_0830_1730(start, hours, expected):
	assert EARLY.add_working_hours(start, hours) == expected


def test_custom_hours_between_and_day_length():
	assert EARLY.hours_per_day == 9
	assert EARLY.working_hours_between(at(MON, "08:30"), at(TUE, "17:30")) == 18
	assert EARLY.working_hours_between(at(MON, "17:00"), at(TUE, "09:30")) == 1.5
	assert EARLY.working_hours_between(at(MON, "17:45"), at(TUE, "08:15")) == 0


def test_short_fractional_working_day():
	mornings = WorkingCalendar(time(9), time(12, 30))  # 3.5 h a day
	assert mornings.hours_per_day == 3.5
	assert mornings.add_working_hours(at(MON, "09:00"), 3.5) == at(MON, "12:30")
	assert mornings.add_working_hours(at(MON, "09:00"), 10) == at(WED, "12:00")
	assert mornings.add_working_hours(at(THU, "13:00"), 7) == at(NEXT_MON, "12:30")
	assert mornings.working_hours_between(at(MON, "10:00"), at(NEXT_MON, "10:00")) == 5 * 3.5


# ---------------------------------------------------------------------------
# working_hours_between
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, end, hours",
	[
		(at(MON, "10:00"), at(MON, "12:30"), 2.5),
		(at(MON, "07:00"), at(MON, "20:00"), 9),
		(at(MON, "17:00"), at(TUE, "10:00"), 2),
		(at(MON, "18:00"), at(TUE, "09:00"), 0),
		(at(FRI, "17:00"), at(NEXT_MON, "10:00"), 2),
		(at(SAT, "00:00"), at(SUN, "23:59"), 0),
		(at(SAT, "12:00"), at(NEXT_MON, "12:00"), 3),
		(at(MON, "09:00"), at(NEXT_MON, "09:00"), 45),
		(at(MON, "12:00"), at(MON, "12:00"), 0),  # empty
		(at(TUE, "12:00"), at(MON, "12:00"), 0),  # end before start
		(at(MON, "19:00"), at(MON, "20:00"), 0),  # both after hours
		(at(MON, "19:00"), at(TUE, "08:00"), 0),  # across a night, no working time
		(at(MON, "17:59"), at(TUE, "09:01"), 2 / 60),
	],
)
def test_working_hours_between(start, end, hours):
	assert PLAIN.working_hours_between(start, end) == pytest.approx(hours, abs=1e-12)


def test_working_hours_between_over_national_day():
	assert CN.working_hours_between(at("2026-09-30", "09:00"), at("2026-10-12", "09:00")) == 9 + 3 * 9
	assert CN.working_hours_between(at("2026-09-30", "17:00"), at("2026-10-08", "10:00")) == 2
	assert CN.working_hours_between(at("2026-10-01"), at("2026-10-08")) == 0


START_TIMES = [
	at("2026-09-17") + timedelta(minutes=37 * i)  # every 37 minutes over 10 days around 国庆 and 中秋
	for i in range(0, 10 * 24 * 60 // 37)
]
HOUR_VALUES = [0, 0.25, 1, 1.5, 2, 8.75, 9, 9.25, 17.5, 18, 27, 28, 45, 100.5, 333, 2000]


@pytest.mark.parametrize("cal", [PLAIN, CN, EARLY], ids=["plain", "cn2026", "0830-1730"])
def test_between_is_the_inverse_of_add(cal):
	for start in START_TIMES:
		for hours in HOUR_VALUES:
			end = cal.add_working_hours(start, hours)
			assert end >= start
			assert cal.working_hours_between(start, end) == hours, (start, hours)
			assert cal.add_working_hours(start, cal.working_hours_between(start, end)) == end
			assert cal.working_time_between(start, end) == timedelta(hours=hours)


@pytest.mark.parametrize("cal", [PLAIN, CN, EARLY], ids=["plain", "cn2026", "0830-1730"])
def test_add_is_the_inverse_of_between(cal):
	# For any end that is working time (or exactly a work_end) after the counting
	# starts, adding the hours between lands back on that end.
	ends = [s + timedelta(days=3, minutes=11) for s in START_TIMES[::3]]
	ends += [datetime.combine(d, cal.work_end) for d in days("2026-09-17", "2026-10-12")]
	for start in START_TIMES[::4]:
		for end in ends:
			closing = cal.is_working_day(end) and end.time() == cal.work_end
			if not (cal.is_working_time(end) or closing) or end < cal.next_working_start(start):
				continue
			assert cal.add_working_hours(start, cal.working_hours_between(start, end)) == end, (start, end)
			assert cal.add_working_time(start, cal.working_time_between(start, end)) == end


def test_between_is_additive():
	points = sorted(START_TIMES[::29])
	for a, b, c in zip(points, points[1:], points[2:], strict=False):
		assert CN.working_time_between(a, c) == CN.working_time_between(a, b) + CN.working_time_between(b, c)


def test_against_day_by_day_reference():
	rng = random.Random(2026)
	exceptions = dict(CN_2026)
	base = at("2025-12-01")
	for _ in range(1500):
		start = base + timedelta(minutes=rng.randrange(0, 400 * 24 * 60))
		end = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
		delta = timedelta(minutes=rng.choice([0, rng.randrange(1, 600), rng.randrange(1, 180_000)]))
		assert CN.working_time_between(start, end) == ref_between(start, end, time(9), time(18), exceptions)
		assert CN.add_working_time(start, delta) == ref_add(start, delta, time(9), time(18), exceptions)


# ---------------------------------------------------------------------------
# Long spans and efficiency
# ---------------------------------------------------------------------------


def test_2000_working_hours():
	# 2000 h = 222 days + 2 h -> 11:00 on the 223rd working day from Mon Mar 2 2026:
	# 44 weeks (220 days) ends Fri Jan 1 2027, then Mon Jan 4, Tue Jan 5, Wed Jan 6.
	start = at("2026-03-02", "09:00")
	assert PLAIN.add_working_hours(start, 2000) == at("2027-01-06", "11:00")
	# The 2026 calendar loses 11 weekday holidays after Mar 2 (Apr 6, May 1, 4, 5, Jun 19,
	# Sep 25, Oct 1, 2, 5, 6, 7) and gains 3 make-up days (May 9, Sep 20, Oct 10): 8 days later.
	assert CN.add_working_hours(start, 2000) == at("2027-01-18", "11:00")
	assert CN.working_hours_between(start, at("2027-01-18", "11:00")) == 2000
	assert PLAIN.working_hours_between(start, at("2027-01-06", "11:00")) == 2000


def test_2000_hours_landing_on_work_end():
	start = at("2026-03-02", "09:00")
	end = PLAIN.add_working_hours(start, 1998)  # 222 whole days
	assert end == at("2027-01-05", "18:00")


class CountingCalendar(WorkingCalendar):
	calls = [0]

	def is_working_day(self, d):
		CountingCalendar.calls[0] += 1
		return super().is_working_day(d)


@pytest.mark.parametrize("exceptions, limit", [((), 30), (CN_2026, 400)], ids=["no-exceptions", "cn2026"])
def test_long_spans_do_not_walk_day_by_day(exceptions, limit):
	cal = CountingCalendar(exceptions=exceptions)
	for hours in (2000, 20_000, 200_000):
		CountingCalendar.calls[0] = 0
		end = cal.add_working_hours(at("2026-01-05", "10:00"), hours)
		assert CountingCalendar.calls[0] < limit
		CountingCalendar.calls[0] = 0
		assert cal.working_hours_between(at("2026-01-05", "10:00"), end) == hours
		assert CountingCalendar.calls[0] < limit


def test_very_long_span_matches_arithmetic():
	# 1,000,000 h = 9 h on Monday + 111,110 whole days + 1 h on the 111,111th working
	# day after Monday: 22,222 weeks (111,110 working days) and one more, a Tuesday.
	end = PLAIN.add_working_hours(at(MON, "09:00"), 1_000_000)
	assert end == at(TUE, "10:00") + timedelta(weeks=22_222)


# ---------------------------------------------------------------------------
# Emergencies on the clock, response deadlines
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, hours, expected",
	[
		(at(MON, "10:00"), 2, at(MON, "12:00")),
		(at(MON, "17:30"), 2, at(MON, "19:30")),  # runs past closing time
		(at(FRI, "23:00"), 2, at(SAT, "01:00")),  # through the night into the weekend
		(at(SAT, "12:00"), 1.5, at(SAT, "13:30")),
		(at("2026-09-30", "23:30"), 2, at("2026-10-01", "01:30")),  # into 国庆
		(at("2026-10-03", "03:00"), 2, at("2026-10-03", "05:00")),  # on a holiday
		(at("2026-12-31", "23:00"), 2, at("2027-01-01", "01:00")),  # year end
		(at(MON, "10:00"), 0, at(MON, "10:00")),
		(at(MON, "10:00"), 48, at(WED, "10:00")),
	],
)
def test_add_clock_hours(start, hours, expected):
	assert add_clock_hours(start, hours) == expected


@pytest.mark.parametrize(
	"received, emergency, expected",
	[
		(at(MON, "10:00"), False, at(TUE, "10:00")),  # 9 working hours = one working day
		(at(MON, "09:00"), False, at(MON, "18:00")),
		(at(FRI, "17:00"), False, at(NEXT_MON, "17:00")),
		(at(SAT, "02:00"), False, at(NEXT_MON, "18:00")),
		(at("2026-09-30", "10:00"), False, at("2026-10-08", "10:00")),
		(at("2026-10-02", "10:00"), False, at("2026-10-08", "18:00")),
		(at(MON, "10:00"), True, at(MON, "12:00")),
		(at(FRI, "23:30"), True, at(SAT, "01:30")),
		(at("2026-10-02", "03:00"), True, at("2026-10-02", "05:00")),
		(at("2026-02-16", "22:00"), True, at("2026-02-17", "00:00")),  # 春节 night
	],
)
def test_response_deadline(received, emergency, expected):
	assert response_deadline(received, emergency, CN) == expected


def test_response_deadline_custom_hours():
	assert response_deadline(at(MON, "10:00"), True, CN, emergency_hours=4) == at(MON, "14:00")
	assert response_deadline(at(MON, "16:00"), False, CN, response_working_hours=4) == at(TUE, "11:00")
	assert response_deadline(at(MON, "16:00"), False, EARLY, response_working_hours=1.5) == at(MON, "17:30")


# ---------------------------------------------------------------------------
# Pauses: the resolution clock stops while a task sits in a Paused state
# (resume_after_pause is what sla.track_pause applies when a task leaves one)
# ---------------------------------------------------------------------------


def resumed(deadline, paused_since, resumed_at, cal=None):
	return resume_after_pause(cal or PLAIN, deadline, paused_since, resumed_at)


@pytest.mark.parametrize(
	"paused_since, resumed_at, expected",
	[
		# one pause inside working time: pushed out by its 2 h
		(at(MON, "10:00"), at(MON, "12:00"), at(WED, "11:00")),
		# only the working part counts: 17:00 Mon to 10:00 Tue = 2 working hours
		(at(MON, "17:00"), at(TUE, "10:00"), at(WED, "11:00")),
		# a pause entirely outside working time changes nothing
		(at(MON, "19:00"), at(TUE, "08:00"), at(TUE, "18:00")),
		# a zero-length pause changes nothing
		(at(MON, "10:00"), at(MON, "10:00"), at(TUE, "18:00")),
		# resumed after the old deadline: what was left when paused runs from the resumption
		(at(TUE, "15:00"), at(WED, "12:00"), at(WED, "15:00")),
	],
)
def test_a_pause_pushes_the_deadline_by_its_working_time(paused_since, resumed_at, expected):
	# without pauses, 18 working hours from Mon 09:00 end Tue 18:00
	assert resumed(at(TUE, "18:00"), paused_since, resumed_at) == expected


def test_two_pauses_add_up():
	deadline = resumed(at(TUE, "18:00"), at(MON, "10:00"), at(MON, "11:00"))
	assert resumed(deadline, at(TUE, "15:00"), at(TUE, "16:30")) == at(WED, "11:30")


def test_a_pause_spanning_a_weekend():
	# Fri 09:00 + 9 h = Fri 18:00. Paused Fri 15:00 - Mon 11:00: 3 h were left, run from Mon 11:00.
	assert resumed(at(FRI, "18:00"), at(FRI, "15:00"), at(NEXT_MON, "11:00")) == at(NEXT_MON, "14:00")


def test_a_pause_across_national_day():
	# Tue Sep 29 09:00 + 27 h = Oct 8 18:00. Paused Sep 30 12:00 - Oct 9 10:00: 15 h were left,
	# 8 h on Oct 9 and 7 h on the make-up Saturday Oct 10 -> Oct 10 16:00.
	assert CN.add_working_hours(at("2026-09-29", "09:00"), 27) == at("2026-10-08", "18:00")
	assert resumed(at("2026-10-08", "18:00"), at("2026-09-30", "12:00"), at("2026-10-09", "10:00"), CN) == at(
		"2026-10-10", "16:00"
	)


def test_a_pause_after_the_deadline_changes_nothing():
	# The task was already overdue when it was paused: the pause does not un-breach it.
	assert resumed(at(TUE, "18:00"), at(WED, "10:00"), at(THU, "10:00")) == at(TUE, "18:00")
	assert resumed(at(TUE, "18:00"), at(TUE, "18:00"), at(THU, "10:00")) == at(TUE, "18:00")


def test_a_pause_equals_the_deadline_pushed_by_the_paused_working_time():
	rng = random.Random(15)
	base = at("2026-09-21")
	quarter = timedelta(minutes=15)
	for _ in range(400):
		start = base + quarter * rng.randrange(0, 4 * 24 * 14)
		deadline = CN.add_working_hours(start, rng.randrange(1, 4 * 40) / 4)
		paused_since = start + quarter * rng.randrange(0, 4 * 24 * 6)
		resumed_at = paused_since + quarter * rng.randrange(0, 4 * 24 * 3)
		expected = (
			deadline
			if deadline <= paused_since
			else CN.add_working_time(deadline, CN.working_time_between(paused_since, resumed_at))
		)
		assert resumed(deadline, paused_since, resumed_at, CN) == expected, (deadline, paused_since, resumed_at)


def test_a_pause_cannot_end_before_it_began():
	with pytest.raises(ValueError):
		resumed(at(TUE, "18:00"), at(MON, "12:00"), at(MON, "11:00"))
	with pytest.raises(TypeError):
		resumed(at(TUE, "18:00"), "2026-03-02 12:00", at(MON, "13:00"))


# ---------------------------------------------------------------------------
# Invalid input and immutability
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("ws, we", [(time(18), time(9)), (time(9), time(9)), (time(17, 30), time(8, 30))])
def test_work_start_must_precede_work_end(ws, we):
	with pytest.raises(ValueError):
		WorkingCalendar(ws, we)


@pytest.mark.parametrize(
	"kwargs, error",
	[
		({"work_start": "09:00"}, TypeError),
		({"work_end": 18}, TypeError),
		({"work_start": time(9, tzinfo=timezone.utc)}, ValueError),
		({"exceptions": [(date(2026, 10, 1), False), (date(2026, 10, 1), True)]}, ValueError),
		({"exceptions": [("2026-10-01", False)]}, TypeError),
		({"exceptions": [(datetime(2026, 10, 1), False)]}, TypeError),
		({"exceptions": [(date(2026, 10, 1), 0)]}, TypeError),
		({"exceptions": [(date(2026, 10, 1),)]}, ValueError),
		({"exceptions": [date(2026, 10, 1)]}, ValueError),
	],
)
def test_invalid_calendar(kwargs, error):
	with pytest.raises(error):
		WorkingCalendar(**kwargs)


def test_repeated_and_redundant_exceptions():
	cal = WorkingCalendar(exceptions=[(date(2026, 10, 1), False)] * 2 + [(date(2026, 10, 3), False)])
	assert dict(cal.exceptions) == {date(2026, 10, 1): False}  # Oct 3 is a Saturday anyway
	assert WorkingCalendar(exceptions=[(date(2026, 10, 3), False), (date(2026, 10, 5), True)]) == PLAIN
	assert hash(WorkingCalendar(exceptions=CN_2026)) == hash(CN)
	assert CN != PLAIN
	assert EARLY != PLAIN


def test_exceptions_accept_any_iterable():
	assert WorkingCalendar(exceptions=iter(CN_2026)) == CN
	assert WorkingCalendar(exceptions=dict(CN_2026).items()) == CN


@pytest.mark.parametrize("hours", [-1, -0.001, float("nan"), float("inf")])
def test_bad_hours_values(hours):
	with pytest.raises(ValueError):
		PLAIN.add_working_hours(at(MON, "10:00"), hours)
	with pytest.raises(ValueError):
		add_clock_hours(at(MON, "10:00"), hours)
	with pytest.raises(ValueError):
		response_deadline(at(MON, "10:00"), True, PLAIN, emergency_hours=hours)
	with pytest.raises(ValueError):
		response_deadline(at(MON, "10:00"), False, PLAIN, response_working_hours=hours)


@pytest.mark.parametrize("hours", ["2", None, True, timedelta(hours=2)])
def test_hours_must_be_a_number(hours):
	with pytest.raises(TypeError):
		PLAIN.add_working_hours(at(MON, "10:00"), hours)


def test_negative_timedelta():
	with pytest.raises(ValueError):
		PLAIN.add_working_time(at(MON, "10:00"), timedelta(minutes=-1))


def test_aware_and_non_datetime_moments_are_refused():
	aware = datetime(2026, 3, 2, 10, tzinfo=timezone(timedelta(hours=8)))
	with pytest.raises(ValueError):
		PLAIN.add_working_hours(aware, 1)
	with pytest.raises(ValueError):
		PLAIN.working_hours_between(at(MON), aware)
	with pytest.raises(ValueError):
		add_clock_hours(aware, 1)
	with pytest.raises(TypeError):
		PLAIN.add_working_hours(date(2026, 3, 2), 1)
	with pytest.raises(TypeError):
		PLAIN.next_working_start("2026-03-02 10:00")
	with pytest.raises(TypeError):
		PLAIN.is_working_day("2026-03-02")


def test_next_working_day_needs_a_positive_count():
	with pytest.raises(ValueError):
		PLAIN.next_working_day(date(2026, 3, 2), 0)


def test_calendar_is_immutable():
	with pytest.raises(AttributeError):
		CN.work_start = time(8)
	with pytest.raises(AttributeError):
		CN._work_end = time(20)
	with pytest.raises(AttributeError):
		del CN._exceptions
	with pytest.raises(TypeError):
		CN.exceptions[date(2026, 3, 2)] = False  # read-only mapping
	source = [(date(2026, 3, 2), False)]
	cal = WorkingCalendar(exceptions=source)
	source.append((date(2026, 3, 3), False))  # changing the input later has no effect
	assert cal.is_working_day(date(2026, 3, 3))
	assert "WorkingCalendar(" in repr(cal)
