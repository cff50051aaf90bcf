"""Shares and open assignments that opened an app record to a user of another company (Frappe's
"Assign To" shared a record with an assignee who could not see it) are removed."""

from customer_service.permissions import revoke_out_of_scope_shares


def execute():
	revoke_out_of_scope_shares()
