"""投诉上移制: the escalation ladder of repeated problems (pure, no Frappe).

Levels: 0 = customer service centre, 1 = the city/project company's
departments, 2 = group HQ. `ordinal` is the task's repeat_count: 1 for the
first report of a problem on a unit, 2 for the second, and so on.

- a repair reported a 3rd time becomes a Complaint at level 1, a 4th time goes to level 2;
- a complaint repeated a 2nd time goes to level 1, a 3rd time to level 2;
- an overdue task or a dissatisfied callback moves one level up, at most to 2.
"""

from __future__ import annotations

REPAIR_TYPES = ("Repair", "Warranty Repair")
COMPLAINT = "Complaint"
TOP_LEVEL = 2


def escalate_repeat(task_type: str, ordinal: int, level: int = 0) -> tuple[str, int]:
	"""(task type, level) a new task gets from how often its problem was reported."""
	if task_type in REPAIR_TYPES:
		if ordinal >= 4:
			return COMPLAINT, max(level, 2)
		if ordinal == 3:
			return COMPLAINT, max(level, 1)
	elif task_type == COMPLAINT:
		if ordinal >= 3:
			return task_type, max(level, 2)
		if ordinal == 2:
			return task_type, max(level, 1)
	return task_type, level


def next_level(level: int) -> int:
	"""One step up the ladder (overdue, dissatisfied callback)."""
	return min(TOP_LEVEL, max(0, level) + 1)
