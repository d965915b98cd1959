"""Scheduled (daily, 08:50 KST): cycles whose incentives still await HR and whose deadline alarm has passed publish
`SelectionDeadlineApproaching` or `SelectionDeadlineMissed`, once each (`common.deadlines`; an index Query, no Scan)."""

from __future__ import annotations

from typing import Any

from common.county import county
from common.observability import logger
from selection import awards


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    if county().selection is None:  # this county runs no selection
        return {"due": 0}
    counts = awards.raise_deadline_alarms()
    logger.info("deadline alarms", extra=counts)
    return counts
