"""Scheduled (daily, 03:30 KST): residents' contact and consent unused for the county's `profile_retention_days` are
erased, once each (`residents.retention`; an index Query, no Scan). Logs and returns the counts only."""

from __future__ import annotations

from typing import Any

from common import import_done
from common.observability import logger
from residents import retention


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    counts = retention.erase_expired()
    logger.info("residents' personal data retention", extra=counts)
    return counts


import_done()  # the import is over: what it made is frozen, the collector runs again (common/__init__.py)
