"""Who sees and changes what: company isolation for staff, their own records for portal users.

A user's `Scope` says where they work:
- "all": Administrator, and desk users without User Permissions on Service Organization;
- "staff": desk users with User Permissions on Service Organization. They read the projects
  their companies own or that are shared with them (受理职责共享) and change records of the
  projects their companies own; on a shared project they may also work its service desk
  (receptions, tasks, revisits, compensations);
- "portal": users whose roles are only portal roles (Homeowner, Contractor, Website User).
  They reach only their own records, whatever DocPerms an admin adds; with no homeowner or
  contractor behind the login, nothing.

`RULES` says for each DocType which columns decide. For a user and an access kind (read or
write) a rule gives one SQL predicate (`predicate`): the list hook returns it, and the
document hook runs it against the stored row (`has_permission`), so a request that changes a
record's project cannot move it into reach. Where a new or changed record will be is checked
when it is saved, after its controller has taken project and company from its links
(`check_place`), and so are the records its links point to (`check_links`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.permissions import AUTOMATIC_ROLES
from frappe.permissions import get_user_permissions

from customer_service.attachments import check_attach_fields, check_attach_values
from customer_service.organization import get_company_of

READ_PTYPES = frozenset({"read", "select", "print", "email", "export", "report"})
PORTAL_ROLES = frozenset({"Homeowner", "Contractor", "Customer", "Supplier"})
APP_PORTAL_ROLES = frozenset({"Homeowner", "Contractor"})
STAFF_ROLES = frozenset({"CS Administrator", "CS Manager", "CS Agent", "CS Engineer", "System Manager"})


@dataclass(frozen=True)
class Rule:
	project: str | None = "project"  # the column holding the record's project
	company: str | None = None  # the column that places a record without project
	shared_write: bool = False  # companies the project is shared with may change it
	contractor: str | None = None  # a contractor user reaches rows whose column names them
	contractor_write: bool = False  # ... and may change them (through the app's methods)
	homeowner: str | None = None  # a homeowner user reaches rows whose column names them
	homeowner_unit: str | None = None  # ... or rows whose unit column is one of their units
	via_units: bool = False  # placed by the projects of its Homeowner Unit rows (Homeowner)
	staff_all: bool = False  # master data every staff user reads; portal users never
	# staff change such master data only where all its rows' projects are theirs: (child DocType, column)
	rows_within: tuple[str, str] | None = None


RULES: dict[str, Rule] = {
	"Property Project": Rule(project="name"),
	"Property Building": Rule(),
	"Property Unit": Rule(homeowner_unit="name"),
	"Homeowner": Rule(project=None, company="company", via_units=True, homeowner="name"),
	"Service Reception": Rule(company="company", shared_write=True, homeowner="homeowner"),
	# a contractor moves their task on through its workflow (Complete), nothing else
	"Service Task": Rule(
		company="company", shared_write=True, contractor="contractor", contractor_write=True, homeowner="homeowner"
	),
	"Complaint Topic": Rule(company="company"),
	"Compensation": Rule(company="company", shared_write=True, homeowner="homeowner"),
	"Revisit": Rule(company="company", shared_write=True, homeowner="homeowner"),
	"Service Escalation": Rule(company="company"),
	"Service Penalty": Rule(company="company"),
	"Inspection Round": Rule(),
	"Inspection Defect": Rule(contractor="contractor", contractor_write=True, homeowner_unit="unit"),
	"Inspected Unit": Rule(),
	"Unit Handover": Rule(homeowner="homeowner"),
	# a contractor works for several companies: each reads it; a company changes it only when all
	# its scopes are in the company's own projects (its login and contacts route others' defects)
	"Contractor": Rule(project=None, staff_all=True, contractor="name", rows_within=("Contractor Scope", "project")),
	"Problem Category": Rule(project=None, staff_all=True),
	"Service Organization": Rule(project=None, staff_all=True),  # Frappe's User Permissions filter it
	"Customer Service Settings": Rule(project=None, staff_all=True),
	"Revisit Type": Rule(project=None, staff_all=True),
}


class OutOfScopeError(frappe.PermissionError):
	pass


# -- the user's scope ----------------------------------------------------------


@dataclass(frozen=True)
class Scope:
	kind: str  # "all", "staff" or "portal"
	companies: frozenset[str] = frozenset()
	read_projects: frozenset[str] = frozenset()  # owned by or shared with the companies
	write_projects: frozenset[str] = frozenset()  # owned by the companies
	contractors: frozenset[str] = frozenset()
	homeowners: frozenset[str] = frozenset()
	units: frozenset[str] = field(default=frozenset())  # the homeowners' units

	@property
	def default_company(self) -> str | None:
		"""Where a record without project is placed when the user does not say."""
		return min(self.companies) if self.companies else None


SCOPE_TTL = 120  # seconds a cached scope may live at most, whatever happens to its transaction
SCOPE_GENERATION = "cs_scope_generation"  # changed to forget every cached scope at once


def get_scope(user: str | None = None) -> Scope:
	"""The user's scope: built once (about ten queries) and kept in Redis for every process until
	what it reads changes (`clear_scope_cache`), at most SCOPE_TTL; within a request, in
	frappe.local. Always built on the primary: inside `frappe.read_only()` a lagging replica would
	otherwise put rows an admin just changed into the cache every process reads."""
	user = user or frappe.session.user
	cache = getattr(frappe.local, "cs_scopes", None)
	if cache is None:
		cache = frappe.local.cs_scopes = {}
	if user not in cache:
		key = f"cs_scope:{frappe.cache.get_value(SCOPE_GENERATION) or 0}:{user}"
		scope = frappe.cache.get_value(key)
		if scope is None:
			scope = frappe.write_only()(build_scope)(user)
			frappe.cache.set_value(key, scope, expires_in_sec=SCOPE_TTL)
		cache[user] = scope
	return cache[user]


def clear_scope_cache(doc=None, method=None) -> None:
	"""doc_events of what a scope reads (User Permission, User, projects, homeowners, contractors,
	organizations), Frappe's clear_cache hook, and the app's own direct writes of such links: every
	user's scope is rebuilt. Forgotten now and again when the transaction ends, so a scope another
	request built meanwhile from the rows as they were (before this commit, or from a change rolled
	back) is not kept; one built from an older snapshot lives SCOPE_TTL at most."""
	forget_scopes()
	frappe.db.after_commit.add(forget_scopes)
	frappe.db.after_rollback.add(forget_scopes)


def forget_scopes() -> None:
	"""A new generation: every cached scope is unreachable at once (and expires on its own)."""
	frappe.local.cs_scopes = {}
	frappe.cache.set_value(SCOPE_GENERATION, frappe.generate_hash(length=10))


def is_portal_user(user: str) -> bool:
	"""Portal users: website users, desk users whose roles are only portal roles, and users with a
	portal role of the app (Homeowner, Contractor) but none of its staff roles."""
	if user == "Guest":
		return True
	if frappe.get_cached_value("User", user, "user_type") != "System User":
		return True
	roles = set(frappe.get_roles(user)) - set(AUTOMATIC_ROLES)
	return roles <= PORTAL_ROLES or bool(roles & APP_PORTAL_ROLES and not roles & STAFF_ROLES)


def build_scope(user: str) -> Scope:
	if user == "Administrator":
		return Scope("all")
	if is_portal_user(user):
		if user == "Guest":
			return Scope("portal")
		homeowners = frappe.get_all("Homeowner", filters={"user": user}, pluck="name")
		units = (
			frappe.get_all(
				"Homeowner Unit",
				filters={"parenttype": "Homeowner", "parent": ("in", homeowners)},
				pluck="unit",
			)
			if homeowners
			else []
		)
		return Scope(
			"portal",
			contractors=frozenset(frappe.get_all("Contractor", filters={"user": user}, pluck="name")),
			homeowners=frozenset(homeowners),
			units=frozenset(units),
		)
	companies = allowed_companies(user)
	if companies is None:
		return Scope("all")
	owned, shared = projects_of(companies)
	return Scope(
		"staff",
		companies=frozenset(companies),
		read_projects=frozenset(owned | shared),
		write_projects=frozenset(owned),
	)


def allowed_companies(user: str) -> set[str] | None:
	"""The companies a desk user works for (from User Permissions on Service Organization,
	descendants included; a department's staff work for its company); None: unrestricted."""
	rows = get_user_permissions(user).get("Service Organization") or []
	if not rows:
		return None
	organizations = {row.doc for row in rows if not row.get("applicable_for") or row.applicable_for in RULES}
	return {c for c in organizations | {get_company_of(org) for org in organizations} if c}


def projects_of(companies: set[str]) -> tuple[set[str], set[str]]:
	"""(projects the companies own, projects shared with them)."""
	if not companies:
		return set(), set()
	owned = set(frappe.get_all("Property Project", filters={"company": ("in", list(companies))}, pluck="name"))
	shared = set(
		frappe.get_all(
			"Property Project Share",
			filters={"parenttype": "Property Project", "company": ("in", list(companies))},
			pluck="parent",
		)
	)
	return owned, shared - owned


def get_allowed_projects(user: str | None = None) -> list[str] | None:
	"""Projects the user may read; None when unrestricted. For reports that aggregate by project."""
	scope = get_scope(user)
	if scope.kind == "all":
		return None
	return sorted(scope.read_projects)


# -- one predicate per DocType, user and access --------------------------------


def access_of(ptype: str | None) -> str:
	return "read" if (ptype or "read") in READ_PTYPES else "write"


def _in(column: str, values) -> str:
	values = sorted(v for v in values if v)
	if not values:
		return "1=0"
	return f"{column} in ({', '.join(frappe.db.escape(v) for v in values)})"


def predicate(doctype: str, scope: Scope, access: str = "read") -> str:
	"""The SQL condition on `tab<doctype>` for what the scope may read (or write); "" = anything."""
	rule = RULES[doctype]
	table = f"`tab{doctype}`"
	if scope.kind == "all":
		return ""
	if scope.kind == "portal":
		clauses = []
		if rule.contractor and (access == "read" or rule.contractor_write):
			clauses.append(_in(f"{table}.`{rule.contractor}`", scope.contractors))
		if access == "read" and rule.homeowner:
			clauses.append(_in(f"{table}.`{rule.homeowner}`", scope.homeowners))
		if access == "read" and rule.homeowner_unit:
			clauses.append(_in(f"{table}.`{rule.homeowner_unit}`", scope.units))
		clauses = [c for c in clauses if c != "1=0"]
		return f"({' or '.join(clauses)})" if clauses else "1=0"
	if rule.staff_all:
		if access == "write" and rule.rows_within:
			child, column = rule.rows_within
			return (
				f"{table}.`name` not in (select `parent` from `tab{child}` where `parenttype` = {frappe.db.escape(doctype)} "
				f"and ifnull(`{column}`, '') != '' and not {_in(f'`{column}`', scope.write_projects)})"
			)
		return ""
	projects = scope.read_projects if access == "read" or rule.shared_write else scope.write_projects
	clauses = []
	if rule.project:
		clauses.append(_in(f"{table}.`{rule.project}`", projects))
	if rule.via_units:
		clauses.append(
			f"{table}.`name` in (select `parent` from `tabHomeowner Unit` where `parenttype` = 'Homeowner' "
			f"and {_in('`project`', projects)})"
		)
	if rule.company:
		company = _in(f"{table}.`{rule.company}`", scope.companies)
		# "no project" as two plain conditions: the cards count from an index, and a function of
		# the column would be evaluated on each of its entries
		no_project = f"({table}.`{rule.project}` is null or {table}.`{rule.project}` = '')"
		clauses.append(f"({no_project} and {company})" if rule.project else company)
	return f"({' or '.join(clauses)})"


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of every DocType in RULES."""
	return predicate(doctype, get_scope(user), "read")


def parents_of(child: str) -> list[str]:
	"""The DocTypes of RULES that hold `child` as a table."""
	return [
		doctype
		for doctype in RULES
		if any(df.options == child for df in frappe.get_meta(doctype).get_table_fields())
	]


def child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of the app's child tables: a row listed on its own (`get_list`
	with `parent`) is visible only when its parent record is."""
	scope = get_scope(user)
	table = f"`tab{doctype}`"
	clauses = []
	for parent in parents_of(doctype):
		condition = predicate(parent, scope, "read")
		if condition == "1=0":
			continue
		kind = f"{table}.`parenttype` = {frappe.db.escape(parent)}"
		if condition == "":
			clauses.append(f"({kind})")
		else:
			clauses.append(f"({kind} and {table}.`parent` in (select `name` from `tab{parent}` where {condition}))")
	return f"({' or '.join(clauses)})" if clauses else "1=0"


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission of every DocType in RULES: an existing record is judged as stored.

	Returns False to refuse; None leaves the decision to roles and shares.
	"""
	scope = get_scope(user)
	if scope.kind == "all":
		return None
	condition = predicate(doc.doctype, scope, access_of(ptype))
	if condition == "":
		return None
	if condition == "1=0":
		return False
	if doc.meta.issingle:
		return None
	if is_stored(doc):  # whatever the request says (`__islocal`), a row in the database is judged as stored
		return None if stored_row_matches(doc.doctype, doc.name, condition) else False
	if access_of(ptype) == "read":
		return False  # a record that is not stored has nothing to read, print or export
	# a record being created: refused outright only when its place is already out of reach
	return False if scope.kind == "portal" or place_refused(doc, scope) else None


def is_stored(doc) -> bool:
	return bool(doc.name) and bool(frappe.db.exists(doc.doctype, doc.name))


def stored_row_matches(doctype: str, name: str, condition: str) -> bool:
	# `condition` is built by `predicate` from escaped values only
	return bool(
		frappe.db.sql(f"select 1 from `tab{doctype}` where `name` = %s and {condition} limit 1", name)  # nosemgrep
	)


def can_access(doctype: str, name: str, user: str, access: str = "read") -> bool:
	"""Whether `user` may read (or write) the stored record, by the app's rule alone."""
	if doctype not in RULES:
		return True
	condition = predicate(doctype, get_scope(user), access)
	if condition in ("", "1=0"):
		return condition == ""
	return stored_row_matches(doctype, name, condition)


def user_may_read(doc, user: str) -> bool:
	"""Whether `user` may read the record in hand (saved or not): by role and by the app's rule."""
	from frappe.permissions import get_role_permissions

	if user == "Administrator":
		return True
	if not get_role_permissions(frappe.get_meta(doc.doctype), user=user).get("read"):
		return False
	if not doc.is_new() and frappe.db.exists(doc.doctype, doc.name):
		return can_access(doc.doctype, doc.name, user)
	return place_allowed(doc, get_scope(user), "read")


def on_stored_record(ptype: str = "write"):
	"""For whitelisted controller methods: act on the record as stored. `run_doc_method` builds the
	document from what the client sent; the changes that came along are dropped, then the user's
	permission is checked on the stored record."""

	def decorator(method):
		@functools.wraps(method)
		def wrapper(self, *args, **kwargs):
			if not is_stored(self):
				frappe.throw(
					_("{0} {1} is not saved yet").format(_(self.doctype), self.name or ""), exc=frappe.DoesNotExistError
				)
			self.load_from_db()  # drops whatever the request sent, `__islocal` included
			self.set("__islocal", None)
			self.check_permission(ptype)
			return method(self, *args, **kwargs)

		return wrapper

	return decorator


# -- where a record goes: checked when it is saved -------------------------------


def place_of(doc) -> tuple[str | None, str | None, set[str]]:
	"""(project, company, projects of its unit rows) of a record in hand."""
	rule = RULES[doc.doctype]
	project = doc.get(rule.project) if rule.project and rule.project != "name" else None
	if rule.project == "name" and not doc.is_new():
		project = doc.name
	company = doc.get(rule.company) if rule.company else None
	units = {row.project for row in doc.get("units") or [] if row.project} if rule.via_units else set()
	if rule.rows_within:
		child, column = rule.rows_within
		units = {row.get(column) for df in doc.meta.get_table_fields() if df.options == child for row in doc.get(df.fieldname)}
	if doc.doctype == "Property Project":
		company = doc.get("company")
	if doc.doctype == "Service Organization":
		company = doc.get("parent_service_organization")
	return project, company, units


def place_allowed(doc, scope: Scope, access: str = "write") -> bool:
	"""Whether the record, where it now points, is within the scope."""
	rule = RULES[doc.doctype]
	if scope.kind == "all":
		return True
	if scope.kind == "portal":
		return False
	if doc.doctype == "Service Organization":
		return organization_allowed(doc, scope)
	if rule.staff_all:
		if rule.rows_within and access == "write":
			child, column = rule.rows_within
			table = next(df.fieldname for df in doc.meta.get_table_fields() if df.options == child)
			return all(not row.get(column) or row.get(column) in scope.write_projects for row in doc.get(table))
		return True
	projects = scope.read_projects if access == "read" or rule.shared_write else scope.write_projects
	project, company, unit_projects = place_of(doc)
	if doc.doctype == "Property Project":
		return company in scope.companies
	if project:
		return project in projects
	if unit_projects & projects:
		return True
	return bool(company and company in scope.companies)


def organization_allowed(doc, scope: Scope) -> bool:
	"""A restricted user creates or moves departments only within their companies; companies,
	regions and groups are for unrestricted users."""
	if doc.org_type != "Department":
		return False
	return get_company_of(doc.parent_service_organization) in scope.companies


def place_refused(doc, scope: Scope) -> bool:
	"""For the create check before the controller ran: refuse only a place already given and out of reach."""
	project, company, unit_projects = place_of(doc)
	if not (project or company or unit_projects):
		return False
	return not place_allowed(doc, scope)


def check_place(doc, method=None) -> None:
	"""validate of every DocType in RULES, after the controller took the place from the links:
	a new record must be created where the user may write, and a record moved (to another
	project or company) must land where the user may write too. Its links must point only at
	records the user may read."""
	check_attach_values(doc)
	if doc.flags.ignore_permissions:
		return
	scope = get_scope()
	if scope.kind == "all":
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before is None or place_of(before) != place_of(doc):
		if not place_allowed(doc, scope):
			frappe.throw(
				_("You cannot put {0} {1} in a project or company you do not work for").format(
					_(doc.doctype), doc.name or ""
				),
				title=_("Not Permitted"),
				exc=OutOfScopeError,
			)
	check_links(doc, before)
	check_hidden_rows_kept(doc, before)
	check_attach_fields(doc)


def linked_records(doc):
	"""(fieldname, target DocType, name, row) of every link of the record and its rows to a
	DocType the rules isolate."""
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get_link_fields():
			if df.options in RULES and not RULES[df.options].staff_all and row.get(df.fieldname):
				yield df.fieldname, df.options, row.get(df.fieldname), row


def check_links(doc, before=None) -> None:
	"""A new or changed link must point at a record the user may read."""
	stored = set()
	if before is not None:
		stored = {(field, target, name) for field, target, name, _row in linked_records(before)}
	for fieldname, target, name, row in linked_records(doc):
		if (fieldname, target, name) in stored:
			continue
		if not frappe.has_permission(target, "read", name):
			frappe.throw(
				_("You cannot link {0} {1}: it belongs to a company you do not work for").format(_(target), name),
				title=_("Not Permitted"),
				exc=OutOfScopeError,
			)


def check_hidden_rows_kept(doc, before) -> None:
	"""Rows of child tables that point at records the user may not read (another company's units
	on a homeowner, its projects in a contractor's scopes) stay exactly as they were."""
	if before is None:
		return
	for df in doc.meta.get_table_fields():
		hidden = lambda parent: sorted(  # noqa: E731
			tuple(sorted(row.as_dict(no_default_fields=True, no_child_table_fields=True).items()))
			for row in parent.get(df.fieldname) or []
			if not row_is_readable(row)
		)
		if hidden(doc) != hidden(before):
			frappe.throw(
				_("Rows of {0} that belong to other companies cannot be changed on {1} {2}").format(
					_(df.label), _(doc.doctype), doc.name
				),
				title=_("Not Permitted"),
				exc=OutOfScopeError,
			)


def row_is_readable(row) -> bool:
	for df in row.meta.get_link_fields():
		if df.options in RULES and not RULES[df.options].staff_all and row.get(df.fieldname):
			if not frappe.has_permission(df.options, "read", row.get(df.fieldname)):
				return False
	return True


# -- shares and assignments never reach outside the record's scope ---------------


def check_share(doc, method=None) -> None:
	"""validate of DocShare: the app's records are shared only with users who may read them by the
	rule — and write, submit or share them only with users who may write them there (a share would
	otherwise open a record to another company) — never with everyone."""
	if doc.share_doctype not in RULES or RULES[doc.share_doctype].staff_all:
		return
	if doc.everyone:
		frappe.throw(
			_("{0} records cannot be shared with everyone").format(_(doc.share_doctype)),
			title=_("Not Permitted"),
			exc=OutOfScopeError,
		)
	access = "write" if (doc.write or doc.submit or doc.share) else "read"
	if doc.user and not can_access(doc.share_doctype, doc.share_name, doc.user, access):
		frappe.throw(
			_("{0} cannot be given {1} {2}: they work for another company or outside the records they may see").format(
				doc.user, _(doc.share_doctype), doc.share_name
			),
			title=_("Not Permitted"),
			exc=OutOfScopeError,
		)


def check_assignment(doc, method=None) -> None:
	"""validate of ToDo: the app's records are assigned only by users who may read them, to users
	who may read them."""
	if doc.reference_type not in RULES or RULES[doc.reference_type].staff_all or not doc.reference_name:
		return
	changed = doc.is_new() or any(doc.has_value_changed(f) for f in ("allocated_to", "reference_type", "reference_name"))
	if doc.status == "Cancelled" or not changed:
		return
	if not doc.flags.ignore_permissions and not frappe.has_permission(doc.reference_type, "read", doc.reference_name):
		frappe.throw(
			_("You cannot assign {0} {1}").format(_(doc.reference_type), doc.reference_name),
			title=_("Not Permitted"),
			exc=OutOfScopeError,
		)
	if doc.allocated_to and not can_access(doc.reference_type, doc.reference_name, doc.allocated_to):
		frappe.throw(
			_("{0} cannot be assigned {1} {2}: they work for another company").format(
				doc.allocated_to, _(doc.reference_type), doc.reference_name
			),
			title=_("Not Permitted"),
			exc=OutOfScopeError,
		)


def revoke_out_of_scope_shares(user: str | None = None) -> int:
	"""Remove shares (and cancel open assignments) of the app's records that the rule no longer
	lets their user reach — after a User Permission changes or a project stops being shared.
	Returns how many were removed."""
	isolated = [doctype for doctype, rule in RULES.items() if not rule.staff_all]
	filters = {"share_doctype": ("in", isolated)}
	if user:
		filters["user"] = user
	removed = 0
	clear_scope_cache()
	for share in frappe.get_all(
		"DocShare", filters=filters, fields=["name", "share_doctype", "share_name", "user", "everyone", "write", "submit", "share"]
	):
		access = "write" if (share.write or share.submit or share.share) else "read"
		if share.everyone or (
			share.user
			and frappe.db.exists(share.share_doctype, share.share_name)
			and not can_access(share.share_doctype, share.share_name, share.user, access)
		):
			frappe.delete_doc("DocShare", share.name, ignore_permissions=True, force=True)
			removed += 1
	todo_filters = {"reference_type": ("in", isolated), "status": "Open"}
	if user:
		todo_filters["allocated_to"] = user
	for name, doctype, docname, allocated in frappe.get_all(
		"ToDo", filters=todo_filters, fields=["name", "reference_type", "reference_name", "allocated_to"], as_list=True
	):
		if allocated and frappe.db.exists(doctype, docname) and not can_access(doctype, docname, allocated):
			frappe.db.set_value("ToDo", name, "status", "Cancelled", update_modified=False)
			removed += 1
	return removed


def on_user_permission_change(doc, method=None) -> None:
	"""on_update / on_trash of User Permission: the user's scope changed."""
	if doc.allow == "Service Organization":
		frappe.enqueue(revoke_out_of_scope_shares, user=doc.user, enqueue_after_commit=True, now=frappe.flags.in_test)


def on_project_change(doc, method=None) -> None:
	"""on_update of Property Project: a company it is no longer shared with loses its shares."""
	before = doc.get_doc_before_save()
	if before and {r.company for r in before.shared_with} - {r.company for r in doc.shared_with}:
		frappe.enqueue(revoke_out_of_scope_shares, enqueue_after_commit=True, now=frappe.flags.in_test)
