"""Every user-facing English string of the app has a Simplified Chinese translation.

Pure Python, no Frappe: the strings are re-extracted from the repository the
way Frappe finds them (DocType JSON, `_()` in Python and Jinja, `__()` in
JavaScript), plus the messages `identity.py` / `unit_numbering.py` raise for
callers to translate, the ID types, the roles, the shipped Workflows' states
and actions and the names of reports and print formats, and checked against
`customer_service/translations/zh.csv`.

A row with a third column is a translation in context: Frappe translates form
labels and Select options with their DocType as context, so
`Problem Category,问题分类,Service Task` makes the field label differ from the
DocType name (投诉问题标准库).
"""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "customer_service"
ZH_CSV = APP / "translations" / "zh.csv"

# Roles the app creates (customer_service/setup/install.py)
ROLES = ("CS Administrator", "CS Manager", "CS Agent", "CS Engineer", "Contractor", "Homeowner")

# Exceptions whose English message callers pass through `_(e.message)`
TRANSLATED_EXCEPTIONS = {"InvalidIdentity", "InvalidPattern"}

# `_()` / `_lt()` in Python and Jinja; `__()` in JavaScript
PY_FUNCS = {"_", "_lt"}
_STRING = r"""(?:[rRuU]?(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'))"""
PY_CALL = re.compile(r"(?<![\w.])(?:frappe\.)?_(?:lt)?\(\s*(" + _STRING + r"(?:\s*" + _STRING + r")*)\s*[,)]")
JS_CALL = re.compile(
	r"""(?<![\w$.])__\(\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)""", re.S
)
PLACEHOLDER = re.compile(r"\{\w*(?::[^{}]*)?\}")
SKIP_DIRS = {"node_modules", "dist", "__pycache__", ".git"}


def _source_files(*suffixes: str) -> list[Path]:
	return sorted(
		p
		for p in APP.rglob("*")
		if p.suffix in suffixes and p.is_file() and not SKIP_DIRS.intersection(p.relative_to(APP).parts)
	)


def _add(strings: dict[str, str], text: object, where: str) -> None:
	if isinstance(text, str) and text.strip():
		strings.setdefault(text, where)


def doctype_strings() -> dict[str, str]:
	"""DocType names, field labels and descriptions, Select options, link groups."""
	strings: dict[str, str] = {}
	for path in sorted(APP.glob("*/doctype/*/*.json")):
		try:
			meta = json.loads(path.read_text(encoding="utf-8"))
		except (ValueError, UnicodeDecodeError):
			continue
		if not isinstance(meta, dict) or meta.get("doctype", "DocType") != "DocType" or "name" not in meta:
			continue
		where = str(path.relative_to(REPO))
		_add(strings, meta["name"], where)
		_add(strings, meta.get("description"), where)
		for field in meta.get("fields") or []:
			_add(strings, field.get("label"), where)
			_add(strings, field.get("description"), where)
			if field.get("fieldtype") == "Select" and isinstance(field.get("options"), str):
				for option in field["options"].split("\n"):
					_add(strings, option.strip(), where)
		for link in meta.get("links") or []:
			_add(strings, link.get("group"), where)
		for action in meta.get("actions") or []:
			_add(strings, action.get("label"), where)
			_add(strings, action.get("group"), where)
	return strings


def other_record_strings() -> dict[str, str]:
	"""Names and labels of the reports, print formats, workspaces, pages, charts and cards the app ships."""
	strings: dict[str, str] = {}
	for kind in ("report", "print_format", "workspace", "page", "dashboard_chart", "number_card"):
		for path in sorted(APP.glob(f"*/{kind}/*/*.json")):
			try:
				meta = json.loads(path.read_text(encoding="utf-8"))
			except (ValueError, UnicodeDecodeError):
				continue
			if not isinstance(meta, dict):
				continue
			where = str(path.relative_to(REPO))
			for key in ("name", "report_name", "title", "label", "chart_name"):
				if kind == "page" and key == "name":
					continue  # a page's name is its route
				_add(strings, meta.get(key), where)
			for table in ("links", "shortcuts", "cards", "charts", "number_cards", "columns", "filters"):
				for row in meta.get(table) or []:
					if isinstance(row, dict):
						_add(strings, row.get("label"), where)
			for text in _regex_python_strings(meta.get("html") or ""):  # `_("...")` in a print format
				_add(strings, text, where)
	return strings


def _literal_strings(node: ast.AST) -> list[str]:
	"""The string a translated argument holds: a literal, or the literals of `x or "..."` / `a if c else "..."`."""
	if isinstance(node, ast.Constant) and isinstance(node.value, str):
		return [node.value]
	if isinstance(node, ast.BoolOp):
		return [s for value in node.values for s in _literal_strings(value)]
	if isinstance(node, ast.IfExp):
		return _literal_strings(node.body) + _literal_strings(node.orelse)
	return []


def _call_name(node: ast.Call) -> str | None:
	if isinstance(node.func, ast.Name):
		return node.func.id
	if isinstance(node.func, ast.Attribute):
		return node.func.attr
	return None


def _regex_python_strings(text: str) -> list[str]:
	found = []
	for match in PY_CALL.finditer(text):
		try:
			found.append(ast.literal_eval("(" + match.group(1) + ")"))
		except (ValueError, SyntaxError):
			continue
	return found


def python_strings() -> dict[str, str]:
	"""String literals given to `_()`, and messages of the exceptions callers translate."""
	strings: dict[str, str] = {}
	for path in _source_files(".py"):
		text = path.read_text(encoding="utf-8")
		where = str(path.relative_to(REPO))
		try:
			tree = ast.parse(text)
		except SyntaxError:
			for s in _regex_python_strings(text):
				_add(strings, s, where)
			continue
		for node in ast.walk(tree):
			if not isinstance(node, ast.Call) or not node.args:
				continue
			name = _call_name(node)
			if name in PY_FUNCS or name in TRANSLATED_EXCEPTIONS:
				for s in _literal_strings(node.args[0]):
					_add(strings, s, f"{where}:{node.lineno}")
		# the regex view too, so a string ast and regex disagree on is never lost
		for s in _regex_python_strings(text):
			_add(strings, s, where)
	return strings


def template_strings() -> dict[str, str]:
	"""`_("...")` in Jinja templates."""
	strings: dict[str, str] = {}
	for path in _source_files(".html", ".jinja"):
		for s in _regex_python_strings(path.read_text(encoding="utf-8")):
			_add(strings, s, str(path.relative_to(REPO)))
	return strings


def _js_unquote(literal: str) -> str | None:
	if literal.startswith("`"):
		if "${" in literal:
			return None
		literal = '"""' + literal[1:-1].replace('"', '\\"') + '"""'
	try:
		return ast.literal_eval(literal)
	except (ValueError, SyntaxError):
		return None


def js_strings() -> dict[str, str]:
	"""String literals given to `__()` in JavaScript, Vue and HTML."""
	strings: dict[str, str] = {}
	for path in _source_files(".js", ".vue", ".html", ".ts"):
		if path.name.endswith(".min.js"):
			continue
		where = str(path.relative_to(REPO))
		for match in JS_CALL.finditer(path.read_text(encoding="utf-8")):
			_add(strings, _js_unquote(match.group(1)), where)
	return strings


def id_type_strings() -> dict[str, str]:
	"""The ID type names of identity.py (they are passed as message arguments and translated)."""
	strings: dict[str, str] = {}
	path = APP / "identity.py"
	if not path.exists():
		return strings
	tree = ast.parse(path.read_text(encoding="utf-8"))
	constants: dict[str, str] = {}
	for node in tree.body:
		if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
			name = node.targets[0].id
			if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
				constants[name] = node.value.value
			elif name == "ID_TYPES" and isinstance(node.value, (ast.Tuple, ast.List)):
				for element in node.value.elts:
					if isinstance(element, ast.Name) and element.id in constants:
						_add(strings, constants[element.id], "customer_service/identity.py")
					elif isinstance(element, ast.Constant):
						_add(strings, element.value, "customer_service/identity.py")
	return strings


def workflow_strings() -> dict[str, str]:
	"""States, actions and names of the Workflows setup/workflows.py ships (shown as buttons and indicators)."""
	strings: dict[str, str] = {}
	path = APP / "setup" / "workflows.py"
	if not path.exists():
		return strings
	where = str(path.relative_to(REPO))
	for node in ast.parse(path.read_text(encoding="utf-8")).body:
		if not (
			isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
		):
			continue
		name, value = node.targets[0].id, node.value
		if name.endswith("STATES") and isinstance(value, ast.Dict):
			for key in value.keys:
				if isinstance(key, ast.Constant):
					_add(strings, key.value, where)
		elif (name.endswith("TRANSITIONS") or name == "WORKFLOWS") and isinstance(
			value, (ast.Tuple, ast.List)
		):
			# (state, action, next state, ...) / (workflow name, doctype, ...)
			positions = (0, 1, 2) if name.endswith("TRANSITIONS") else (0, 1)
			for row in value.elts:
				for i in positions:
					if (
						isinstance(row, ast.Tuple)
						and i < len(row.elts)
						and isinstance(row.elts[i], ast.Constant)
					):
						_add(strings, row.elts[i].value, where)
	return strings


def role_strings() -> dict[str, str]:
	strings = {role: "roles" for role in ROLES}
	path = APP / "setup" / "install.py"
	if path.exists():
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "ROLES" for t in node.targets):
				for element in getattr(node.value, "elts", []):
					first = element.elts[0] if isinstance(element, ast.Tuple) and element.elts else element
					if isinstance(first, ast.Constant):
						_add(strings, first.value, str(path.relative_to(REPO)))
	return strings


def workspace_strings() -> dict[str, str]:
	"""Number card labels and link-card titles of the workbench setup/workspace.py ships."""
	strings: dict[str, str] = {}
	path = APP / "setup" / "workspace.py"
	if not path.exists():
		return strings
	where = str(path.relative_to(REPO))
	for node in ast.parse(path.read_text(encoding="utf-8")).body:
		if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
			continue
		if node.targets[0].id in ("NUMBER_CARDS", "LINK_CARDS", "SHORTCUTS", "WORKSPACE", "CHARTS"):
			rows = node.value.elts if isinstance(node.value, (ast.Tuple, ast.List)) else [node.value]
			for row in rows:
				first = row.elts[0] if isinstance(row, ast.Tuple) and row.elts else row
				if isinstance(first, ast.Constant) and first.value.isascii():  # 客服工作台 is Chinese already
					_add(strings, first.value, where)
	return strings


def revisit_type_strings() -> dict[str, str]:
	"""The revisit types setup/rules.py ships (records shown by name, translated: Revisit Type is a translated DocType)."""
	import importlib.util

	spec = importlib.util.spec_from_file_location("rules", APP / "setup" / "rules.py")
	rules = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(rules)
	strings: dict[str, str] = {}
	for name in rules.REVISIT_TYPES:
		_add(strings, name, "setup/rules.py")
	return strings


def all_strings() -> dict[str, str]:
	"""Every source string to translate → where it was first found."""
	strings: dict[str, str] = {}
	for part in (
		doctype_strings,
		other_record_strings,
		python_strings,
		template_strings,
		js_strings,
		id_type_strings,
		role_strings,
		workflow_strings,
		workspace_strings,
		revisit_type_strings,
	):
		for text, where in part().items():
			strings.setdefault(text, where)
	return strings


def read_rows() -> list[list[str]]:
	with open(ZH_CSV, encoding="utf-8", newline="") as f:
		return [row for row in csv.reader(f) if row]


def load_zh() -> dict[str, str]:
	"""Source → translation, as Frappe reads it: a row with a context is keyed `source:context`."""
	zh: dict[str, str] = {}
	for row in read_rows():
		key = f"{row[0]}:{row[2]}" if len(row) == 3 and row[2] else row[0]
		zh[key] = row[1] if len(row) > 1 else ""
	return zh


def label_contexts() -> list[tuple[str, str]]:
	"""(label, DocType) of every field: Frappe translates a form label with its DocType as context."""
	pairs = []
	for path in sorted(APP.glob("*/doctype/*/*.json")):
		try:
			meta = json.loads(path.read_text(encoding="utf-8"))
		except (ValueError, UnicodeDecodeError):
			continue
		if isinstance(meta, dict) and meta.get("doctype", "DocType") == "DocType" and "name" in meta:
			pairs += [(f["label"], meta["name"]) for f in meta.get("fields") or [] if f.get("label")]
	return pairs


def placeholders(text: str) -> set[str]:
	return set(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def zh() -> dict[str, str]:
	assert ZH_CSV.exists(), f"{ZH_CSV.relative_to(REPO)} is missing"
	return load_zh()


def test_extraction_finds_known_strings():
	strings = all_strings()
	for expected in (
		"Property Unit",
		"Gross Area (m²)",
		"Occupied",
		"Mainland ID Card",
		"CS Engineer",
		"Invalid ID Number",
		"Generate Units",
		"{0} units created, {1} already existed",
		"ID number is missing",
		"Units, floors and rooms per floor must each be at least 1",
	):
		assert expected in strings, expected


def test_csv_rows_are_well_formed():
	rows = read_rows()
	assert all(len(row) in (2, 3) for row in rows), [row for row in rows if len(row) not in (2, 3)]
	keys = [(row[0], row[2] if len(row) == 3 else "") for row in rows]
	assert len(keys) == len(set(keys)), "duplicate source strings"
	assert keys == sorted(keys), "rows are not sorted by source string"
	assert all(row[0].strip() and row[1].strip() for row in rows), "empty source or translation"


def test_context_rows_name_a_doctype_of_the_app():
	doctypes = {doctype for _label, doctype in label_contexts()}
	stale = [row for row in read_rows() if len(row) == 3 and row[2] and row[2] not in doctypes]
	assert not stale, f"context rows for unknown DocTypes: {stale}"


def test_problem_category_field_label_is_not_the_doctype_name(zh):
	"""As a DocType "Problem Category" is 投诉问题标准库; as a field label it is 问题分类."""
	assert zh["Problem Category"] == "投诉问题标准库"
	wrong = [
		doctype
		for label, doctype in label_contexts()
		if label == "Problem Category" and zh.get(f"{label}:{doctype}") != "问题分类"
	]
	assert not wrong, f"add a row 'Problem Category,问题分类,<DocType>' for: {wrong}"


def test_every_string_has_a_chinese_translation(zh):
	missing = {text: where for text, where in all_strings().items() if not (zh.get(text) or "").strip()}
	assert not missing, "untranslated:\n" + "\n".join(f"{where}: {text!r}" for text, where in missing.items())


def test_untranslated_rows_are_absent(zh):
	same = [text for text, translated in zh.items() if translated.strip() == text.strip()]
	assert not same, f"rows whose translation equals the source: {same}"


def test_placeholders_are_kept():
	broken = {
		row[0]: sorted(placeholders(row[0]) - placeholders(row[1]))
		for row in read_rows()
		if placeholders(row[0]) - placeholders(row[1])
	}
	assert not broken, f"placeholders lost in translation: {broken}"


def test_positional_messages_still_format():
	"""A translation `.format()`s like its source: no stray braces, no extra placeholders."""
	broken = []
	for row in read_rows():
		if re.search(r"\{\d+\}", row[0]):
			try:
				row[1].format(*range(10))
			except (IndexError, KeyError, ValueError):
				broken.append(row[0])
			if placeholders(row[1]) - placeholders(row[0]):
				broken.append(row[0])
	assert not broken, f"translations that do not format like their source: {broken}"
