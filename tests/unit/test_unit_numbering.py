import pytest

from customer_service.unit_numbering import InvalidPattern, PlannedUnit, check_pattern, plan_units


def test_default_pattern_numbers_rooms_by_floor():
	units = plan_units(1, 1, 3, 2)
	assert [u.room_no for u in units] == ["101", "102", "201", "202", "301", "302"]
	assert units[0] == PlannedUnit("1", 1, "101")


def test_every_unit_floor_and_room():
	units = plan_units(3, 1, 18, 4, "{floor}{room:02d}")
	assert len(units) == 3 * 18 * 4
	assert len({(u.unit_no, u.room_no) for u in units}) == len(units)
	assert units[-1] == PlannedUnit("3", 18, "1804")


def test_basement_floors_skip_zero():
	units = plan_units(1, -2, 4, 1, "{floor}-{room}")
	assert [u.floor for u in units] == [-2, -1, 1, 2]
	assert units[0].room_no == "-2-1"


def test_unit_placeholder():
	units = plan_units(2, 1, 1, 1, "{unit}-{floor}{room:02d}")
	assert [u.room_no for u in units] == ["1-101", "2-101"]


@pytest.mark.parametrize("pattern", ["{floor}", "{floor}{door}", "{floor", "{room:zz}", "{0}{room}"])
def test_bad_patterns(pattern):
	with pytest.raises(InvalidPattern):
		plan_units(1, 1, 2, 2, pattern)


def test_pattern_that_repeats_a_room():
	with pytest.raises(InvalidPattern):
		plan_units(1, 1, 2, 2, "{room}")  # the same rooms on every floor


@pytest.mark.parametrize("counts", [(0, 1, 1), (1, 0, 1), (1, 1, 0)])
def test_counts_must_be_positive(counts):
	units, floors, rooms = counts
	with pytest.raises(InvalidPattern):
		plan_units(units, 1, floors, rooms)


def test_upper_bound():
	with pytest.raises(InvalidPattern):
		plan_units(10, 1, 100, 30)


def test_check_pattern_accepts_the_default():
	check_pattern("{floor}{room:02d}")
