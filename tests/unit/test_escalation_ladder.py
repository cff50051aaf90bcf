import pytest

from customer_service.escalation_ladder import escalate_repeat, next_level


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
def test_repeat_ladder(task_type, ordinal, expected):
	assert escalate_repeat(task_type, ordinal) == expected


def test_ladder_never_lowers_a_level():
	assert escalate_repeat("Complaint", 2, level=2) == ("Complaint", 2)
	assert escalate_repeat("Repair", 1, level=1) == ("Repair", 1)


@pytest.mark.parametrize("level,expected", [(0, 1), (1, 2), (2, 2), (-1, 1)])
def test_next_level_stops_at_hq(level, expected):
	assert next_level(level) == expected
