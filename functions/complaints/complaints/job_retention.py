"""Scheduled (daily, 03:40 KST): reporters of cases closed longer ago than the county's complaint retention are
erased (one index Query, no Scan; conditional, so a rerun or a reopened case erases nothing more)."""

from __future__ import annotations

from typing import Any

from common.county import county
from common.observability import logger
from complaints import retention


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    if county().complaints is None:  # this county runs no reporting centre
        return {"due": 0}
    counts = retention.erase_expired()
    logger.info("complaint retention", extra=counts)
    return counts
