"""The index the systemic check reads Complaint Topics by (the DocType's on_doctype_update): migrate
runs on_doctype_update only for a DocType whose JSON changed."""

from customer_service.customer_service.doctype.complaint_topic.complaint_topic import on_doctype_update


def execute():
	on_doctype_update()
