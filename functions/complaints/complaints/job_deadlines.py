"""Scheduled (daily, 08:50 KST): complaints whose deadline alarm has passed publish ComplaintsDeadlineApproaching or
ComplaintsDeadlineMissed, once each (`common.deadlines`; an index Query, no Scan)."""

from __future__ import annotations

from typing import Any

from common.county import county
from common.observability import logger
from complaints import clocks


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    if county().complaints is None:  # this county runs no reporting centre
        return {"due": 0}
    counts = clocks.raise_deadline_alarms()
    logger.info("deadline alarms", extra=counts)
    return counts
