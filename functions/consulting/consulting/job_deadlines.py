"""Scheduled (daily, 08:50 KST): pre-consultings and opinion requests whose deadline alarm has passed publish
`ConsultingDeadlineApproaching` or `ConsultingDeadlineMissed`, once each (`common.deadlines`; index Queries, no
Scan)."""

from __future__ import annotations

from typing import Any

from common.county import county
from common.observability import logger
from consulting import deadlines


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    if county().consulting is None:  # this county runs no consulting
        return {"due": 0}
    counts = deadlines.raise_deadline_alarms()
    logger.info("deadline alarms", extra=counts)
    return counts
