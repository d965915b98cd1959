"""Scheduled (monthly, the 1st at 09:00 KST): the monthly status check — open complaints more than half through
their period, per department, to the audit head (`ComplaintsStatusChecked`; once a month; an index Query, no Scan)."""

from __future__ import annotations

from typing import Any

from common.county import county
from common.observability import logger
from complaints import status_check


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    if county().complaints is None:  # this county runs no reporting centre
        return {"open": 0}
    counts = status_check.run()
    logger.info("monthly status check", extra=counts)
    return counts
