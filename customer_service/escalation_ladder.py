"""投诉上移制: the escalation ladder (pure, no Frappe).

Level 0 is the customer service centre; the levels above it come from the settings, bottom up
(the city/project company's departments, optionally a region, group HQ), each present only
where the task's organization tree has one. `ordinal` is a task's repeat_count: 1 for the first
report of a problem on a unit, 2 for the second, and so on.

- the repeat ladder (rules in settings): a repair reported a 3rd time becomes a Complaint at the
  company level, a 4th time goes to group HQ; a complaint repeated a 2nd time goes to the
  company, a 3rd time to HQ;
- the time ladder: an overdue task, a dissatisfied callback, or a level whose working hours ran
  out moves one level up, to the top level the tree has.
"""

from __future__ import annotations

from dataclasses import dataclass

TIERS = ("Company", "Region", "Group")  # bottom up; level 0, the service centre, is below them


@dataclass(frozen=True)
class RepeatRule:
	task_type: str
	report_number: int
	becomes: str | None
	escalate_to: str


@dataclass(frozen=True)
class Level:
	org_type: str
	working_hours: float
	penalty_multiplier: float


def ladder(levels: list[Level], tiers_in_tree: set[str]) -> list[Level]:
	"""The levels a task can climb: the enabled ones (as given, bottom up) its tree has."""
	return [level for level in levels if level.org_type in tiers_in_tree]


def level_of_tier(climb: list[Level], tier: str) -> int:
	"""The highest level of the ladder at or below `tier` (a rule naming a region the tree lacks
	lands on the company); 0 when the ladder has nothing that low."""
	rank = TIERS.index(tier)
	levels = [i for i, level in enumerate(climb, start=1) if TIERS.index(level.org_type) <= rank]
	return max(levels, default=0)


def escalate_repeat(
	task_type: str, ordinal: int, level: int, rules: list[RepeatRule], climb: list[Level]
) -> tuple[str, int]:
	"""(task type, level) a new task gets from how often its problem was reported: the rule of its
	type with the highest report number it reached applies; a task never goes down."""
	matching = [rule for rule in rules if rule.task_type == task_type and rule.report_number <= ordinal]
	if not matching:
		return task_type, level
	rule = max(matching, key=lambda r: r.report_number)
	return rule.becomes or task_type, max(level, level_of_tier(climb, rule.escalate_to))


def next_level(level: int, climb: list[Level]) -> int:
	"""One step up the ladder, never above its top."""
	return min(len(climb), max(0, level) + 1)


def level_at(climb: list[Level], level: int) -> Level | None:
	return climb[level - 1] if 1 <= level <= len(climb) else None


def is_top(climb: list[Level], level: int) -> bool:
	return level >= len(climb)
