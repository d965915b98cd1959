"""Scheduled (daily, 08:30 KST): leave and cash redemptions awaiting HR whose deadline alarm has passed publish
`MileageDeadlineApproaching` or `MileageDeadlineMissed`, once each (`common.deadlines`; an index Query, no Scan)."""

from __future__ import annotations

from typing import Any

from common.observability import logger
from mileage import fulfilment
from mileage.rules import policy as rules


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    if rules._cached_policy() is None:  # this county does not run mileage
        return {"due": 0}
    counts = fulfilment.raise_deadline_alarms()
    logger.info("deadline alarms", extra=counts)
    return counts
