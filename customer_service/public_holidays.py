"""Mainland China's official holidays and make-up workdays (调休) for the working calendar.

The data comes from the `chinesecalendar` library, which carries the State Council's yearly
notice (国务院办公厅关于部分节假日安排的通知) and refuses years it has no notice for. The
`holidays` library was considered too: for years without a notice it computes dates from
rules, without the make-up workdays, which would put wrong dates in the calendar silently.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _, _lt
from frappe.utils import getdate

# the library's holiday names, translated in the calendar's descriptions
HOLIDAY_NAMES = (
	_lt("New Year's Day"),
	_lt("Spring Festival"),
	_lt("Tomb-sweeping Day"),
	_lt("Labour Day"),
	_lt("Dragon Boat Festival"),
	_lt("National Day"),
	_lt("Mid-autumn Festival"),
)


class YearNotCoveredError(frappe.ValidationError):
	pass


def official_days(year: int) -> list[tuple[date, bool, str]]:
	"""(date, is_working_day, holiday) of a year: weekday holidays and weekend make-up workdays."""
	import chinese_calendar

	covered = sorted({d.year for d in chinese_calendar.holidays})
	if year not in covered:
		frappe.throw(
			_(
				"The installed chinesecalendar has the official holidays of {0}–{1} only; {2} is not covered yet "
				"(the State Council publishes each year's schedule in November). Upgrade chinesecalendar, or "
				"enter the days by hand."
			).format(covered[0], covered[-1], year),
			title=_("Year Not Covered"),
			exc=YearNotCoveredError,
		)
	days = [(d, False, name) for d, name in chinese_calendar.holidays.items() if d.year == year and d.weekday() < 5]
	days += [(d, True, name) for d, name in chinese_calendar.workdays.items() if d.year == year and d.weekday() >= 5]
	return sorted(days)


def add_public_holidays(settings, year: int) -> int:
	"""Add the year's days the calendar does not have yet (by date); returns how many were added.
	Rows already there, edited or not, are left as they are."""
	have = {getdate(row.date) for row in settings.calendar_exceptions}
	added = 0
	for day, working, name in official_days(year):
		if day in have:
			continue
		holiday = _(name)
		settings.append(
			"calendar_exceptions",
			{
				"date": day,
				"is_working_day": int(working),
				"description": _("{0} make-up workday").format(holiday) if working else holiday,
			},
		)
		added += 1
	return added
