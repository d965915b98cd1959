"""Scheduled (daily, 08:40 KST): audit-head opinions still awaited whose deadline alarm has passed publish
`CommitteeDeadlineApproaching` or `CommitteeDeadlineMissed`, once each (`common.deadlines`; an index Query, no Scan)."""

from __future__ import annotations

from typing import Any

from committee import opinions
from common.county import county
from common.observability import logger


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    if county().committee is None:  # this county runs no committee
        return {"due": 0}
    counts = opinions.raise_deadline_alarms()
    logger.info("deadline alarms", extra=counts)
    return counts
