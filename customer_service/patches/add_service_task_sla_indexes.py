"""Sites created before the composite SLA indexes existed get them on migrate."""

from customer_service.customer_service.doctype.service_task.service_task import on_doctype_update


def execute():
	on_doctype_update()
