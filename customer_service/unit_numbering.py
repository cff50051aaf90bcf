"""The units a building pattern describes: pure planning, no Frappe."""

from __future__ import annotations

import string
from dataclasses import dataclass

from customer_service.domain_error import DomainError

PLACEHOLDERS = {"floor", "room", "unit"}
MAX_UNITS_PER_BUILDING = 20000


class InvalidPattern(DomainError):
	pass


@dataclass(frozen=True)
class PlannedUnit:
	unit_no: str
	floor: int
	room_no: str


def check_pattern(pattern: str) -> None:
	try:
		names = {field for _text, field, _spec, _conv in string.Formatter().parse(pattern) if field is not None}
	except ValueError:
		raise InvalidPattern("Room number pattern {0} is not a valid format", pattern) from None
	unknown = names - PLACEHOLDERS
	if unknown or "room" not in names:
		raise InvalidPattern("Room number pattern {0} must use {{room}} and may use only {{floor}}, {{room}} and {{unit}}", pattern)


def plan_units(
	unit_count: int, start_floor: int, floor_count: int, rooms_per_floor: int, pattern: str = "{floor}{room:02d}"
) -> list[PlannedUnit]:
	"""Every unit (entrance) × floor × room the pattern describes, in order.

	Floor 0 does not exist in Chinese numbering: counting down from -1 or up from 1.
	"""
	if unit_count < 1 or floor_count < 1 or rooms_per_floor < 1:
		raise InvalidPattern("Units, floors and rooms per floor must each be at least 1")
	total = unit_count * floor_count * rooms_per_floor
	if total > MAX_UNITS_PER_BUILDING:
		raise InvalidPattern("A building cannot have more than {0} units; the pattern makes {1}", MAX_UNITS_PER_BUILDING, total)
	check_pattern(pattern)
	floors = []
	floor = start_floor or 1
	while len(floors) < floor_count:
		if floor != 0:
			floors.append(floor)
		floor += 1
	planned: list[PlannedUnit] = []
	seen: set[tuple[str, str]] = set()
	for unit in range(1, unit_count + 1):
		for floor in floors:
			for room in range(1, rooms_per_floor + 1):
				try:
					room_no = pattern.format(floor=floor, room=room, unit=unit)
				except (ValueError, KeyError, IndexError):
					raise InvalidPattern("Room number pattern {0} is not a valid format", pattern) from None
				key = (str(unit), room_no)
				if key in seen:
					raise InvalidPattern("Room number pattern {0} gives room {1} twice in unit {2}", pattern, room_no, unit)
				seen.add(key)
				planned.append(PlannedUnit(str(unit), floor, room_no))
	return planned


def make_unit_name(building: str, unit_no: str | int, room_no: str | int) -> str:
	"""A unit's readable name: <project>-<building>-<unit>-<room> (the building's name carries the project)."""
	return f"{building}-{str(unit_no).strip()}-{str(room_no).strip()}"
