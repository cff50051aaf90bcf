"""The indexes the workbench's cards count from (their DocTypes' on_doctype_update): migrate runs
on_doctype_update only for a DocType whose JSON changed."""

from customer_service.customer_service.doctype.inspection_defect.inspection_defect import (
	on_doctype_update as defect_indexes,
)
from customer_service.customer_service.doctype.revisit.revisit import on_doctype_update as revisit_indexes
from customer_service.customer_service.doctype.service_task.service_task import on_doctype_update as task_indexes


def execute():
	task_indexes()
	revisit_indexes()
	defect_indexes()
