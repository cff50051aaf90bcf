import pytest

from customer_service.escalation_ladder import (
	Level,
	RepeatRule,
	escalate_repeat,
	is_top,
	ladder,
	level_at,
	level_of_tier,
	next_level,
)
from customer_service.setup.rules import ESCALATION_LEVELS, REPEAT_RULES

RULES = [RepeatRule(t, n, b or None, to) for t, n, b, to in REPEAT_RULES]
SHIPPED = [Level(org, hours, times) for org, enabled, hours, times in ESCALATION_LEVELS if enabled]
WITH_REGION = [Level(org, hours, times) for org, _enabled, hours, times in ESCALATION_LEVELS]
TREE = {"Company", "Region", "Group"}
CLIMB = ladder(SHIPPED, TREE)  # the shipped ladder: company, group HQ


@pytest.mark.parametrize(
	"task_type,ordinal,expected",
	[
		("Repair", 1, ("Repair", 0)),
		("Repair", 2, ("Repair", 0)),
		("Repair", 3, ("Complaint", 1)),
		("Repair", 4, ("Complaint", 2)),
		("Repair", 9, ("Complaint", 2)),
		("Warranty Repair", 2, ("Warranty Repair", 0)),
		("Warranty Repair", 3, ("Complaint", 1)),
		("Warranty Repair", 4, ("Complaint", 2)),
		("Complaint", 1, ("Complaint", 0)),
		("Complaint", 2, ("Complaint", 1)),
		("Complaint", 3, ("Complaint", 2)),
		("Complaint", 7, ("Complaint", 2)),
		("Consultation", 5, ("Consultation", 0)),
		("Suggestion", 3, ("Suggestion", 0)),
	],
)
def test_the_shipped_repeat_ladder(task_type, ordinal, expected):
	assert escalate_repeat(task_type, ordinal, 0, RULES, CLIMB) == expected


def test_the_ladder_never_lowers_a_level():
	assert escalate_repeat("Complaint", 2, 2, RULES, CLIMB) == ("Complaint", 2)
	assert escalate_repeat("Repair", 1, 1, RULES, CLIMB) == ("Repair", 1)


def test_rules_are_data():
	strict = [RepeatRule("Repair", 2, "Complaint", "Group")]
	assert escalate_repeat("Repair", 2, 0, strict, CLIMB) == ("Complaint", 2)
	assert escalate_repeat("Repair", 2, 0, [], CLIMB) == ("Repair", 0)


def test_with_a_region_the_top_is_the_third_level():
	climb = ladder(WITH_REGION, TREE)
	assert [level.org_type for level in climb] == ["Company", "Region", "Group"]
	assert escalate_repeat("Repair", 4, 0, RULES, climb) == ("Complaint", 3)
	assert [next_level(n, climb) for n in range(4)] == [1, 2, 3, 3]


def test_a_tree_without_a_region_skips_it():
	climb = ladder(WITH_REGION, {"Company", "Group"})
	assert [level.org_type for level in climb] == ["Company", "Group"]
	assert level_of_tier(climb, "Region") == 1, "a rule naming a missing region lands on the company"


def test_a_company_outside_any_group_tops_out_at_the_company():
	climb = ladder(SHIPPED, {"Company"})
	assert escalate_repeat("Repair", 4, 0, RULES, climb) == ("Complaint", 1)
	assert is_top(climb, 1) and not is_top(climb, 0)


@pytest.mark.parametrize("level,expected", [(0, 1), (1, 2), (2, 2), (-1, 1)])
def test_next_level_stops_at_the_top(level, expected):
	assert next_level(level, CLIMB) == expected


def test_each_level_has_its_hours_and_multiplier():
	assert level_at(CLIMB, 1) == Level("Company", 16.0, 1.0)
	assert level_at(CLIMB, 2).penalty_multiplier == 2.0
	assert level_at(CLIMB, 0) is None and level_at(CLIMB, 3) is None
