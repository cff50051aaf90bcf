from customer_service.contractor_matching import Scope, pick_contractor

CHAIN = ["屋面渗漏", "防水渗漏", "工程质量"]


def test_building_and_category_beats_category_beats_project():
	scopes = [
		Scope("project-wide", None, None),
		Scope("waterproofing", None, "防水渗漏"),
		Scope("roofs-of-tower", "T1", "屋面渗漏"),
	]
	assert pick_contractor(scopes, "T1", CHAIN) == "roofs-of-tower"
	assert pick_contractor(scopes, "T2", CHAIN) == "waterproofing"
	assert pick_contractor(scopes, "T2", ["木门变形开裂", "入户木门", "工程质量"]) == "project-wide"


def test_nearer_category_beats_farther_ancestor():
	scopes = [Scope("engineering", None, "工程质量"), Scope("waterproofing", None, "防水渗漏")]
	assert pick_contractor(scopes, None, CHAIN) == "waterproofing"


def test_building_scope_without_category():
	scopes = [Scope("project-wide", None, None), Scope("tower", "T1", None)]
	assert pick_contractor(scopes, "T1", CHAIN) == "tower"
	assert pick_contractor(scopes, "T2", CHAIN) == "project-wide"


def test_no_match():
	assert pick_contractor([Scope("doors", None, "入户木门")], None, CHAIN) is None
	assert pick_contractor([], None, CHAIN) is None


def test_ties_are_deterministic():
	scopes = [Scope("b", None, None), Scope("a", None, None)]
	assert pick_contractor(scopes, None, []) == "a"
