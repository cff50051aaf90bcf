"""The rules of the seeds as they ship: the rows the settings start with (an admin edits them).

A fresh install fills the settings' tables with these rows; an upgraded site gets them from its
earlier single values by a patch. `bench migrate` never refills a table an admin emptied.
"""

# repeat ladder (投诉上移制): (task type, from report no., becomes, escalate to)
REPEAT_RULES = (
	("Repair", 3, "Complaint", "Company"),
	("Repair", 4, "Complaint", "Group"),
	("Warranty Repair", 3, "Complaint", "Company"),
	("Warranty Repair", 4, "Complaint", "Group"),
	("Complaint", 2, "", "Company"),
	("Complaint", 3, "", "Group"),
)

# levels above the customer service centre: (level, enabled, working hours there, penalty multiplier)
ESCALATION_LEVELS = (
	("Company", 1, 16.0, 1.0),  # the city / project company's departments: two working days
	("Region", 0, 16.0, 1.0),  # used where the settings say so and the company sits under a region
	("Group", 1, 0.0, 2.0),  # group HQ: the top; penalties double (罚款翻倍)
)

# 累计处罚制: (reason, amount in 元) within the manual's 200–1000
PENALTY_RULES = (
	("Complaint Unresolved", 200),  # ① 投诉问题未能解决 — the customer service centre
	("Warranty Repair Unresolved", 200),  # ② 保修期内非施工质量 — property maintenance
	("Contractor Repair Unresolved", 200),  # ② 施工质量引起 — the contractor
	("Paid Repair Unresolved", 200),  # ③ 保修期外 — property maintenance
	("Repeat Complaint", 200),  # ④ 维修及时性引起的二次投诉 — whoever repaired
)
PENALTY_RANGE = (200, 1000)

# callbacks (100% 回访): (task type, due within days of completion)
CALLBACK_RULES = (
	("Complaint", 0),  # the same day
	("Repair", 2),
	("Warranty Repair", 2),
	("Equipment", 2),
)

# the revisit schedule: (revisit type, after, months, days, enabled)
REVISIT_SCHEDULE = (
	("After Signing", "Contract Date", 0, 7, 1),
	("After Handover 1 Month", "Delivery Date", 1, 0, 1),
	("After Handover 3 Months", "Delivery Date", 3, 0, 1),
	("After Handover 1 Year", "Delivery Date", 12, 0, 1),
	# 万科 "6+2": quality checks after delivery
	("Quality Check 3 Months", "Delivery Date", 3, 0, 1),
	("Quality Check 11 Months", "Delivery Date", 11, 0, 1),
	("Quality Check 23 Months", "Delivery Date", 23, 0, 1),
	("Quality Check 35 Months", "Delivery Date", 35, 0, 1),
)
TASK_CALLBACK = "Task Callback"
REVISIT_TYPES = (TASK_CALLBACK, *(row[0] for row in REVISIT_SCHEDULE))


def table_defaults() -> dict[str, list[dict]]:
	"""The settings' table rows as shipped."""
	return {
		"repeat_rules": [
			{"task_type": t, "report_number": n, "becomes": b, "escalate_to": to} for t, n, b, to in REPEAT_RULES
		],
		"escalation_levels": [
			{"org_type": level, "enabled": on, "working_hours": hours, "penalty_multiplier": times}
			for level, on, hours, times in ESCALATION_LEVELS
		],
		"penalty_rules": [{"reason": reason, "amount": amount, "enabled": 1} for reason, amount in PENALTY_RULES],
		"callback_rules": [{"task_type": t, "due_days": days, "enabled": 1} for t, days in CALLBACK_RULES],
		"revisit_schedule": [
			{"revisit_type": rt, "base_date": base, "months": m, "days": d, "enabled": on}
			for rt, base, m, d, on in REVISIT_SCHEDULE
		],
	}
