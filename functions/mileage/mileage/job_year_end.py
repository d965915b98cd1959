"""Scheduled (1 January 00:10 KST): year-end expiry. `{"year": 2027}` in the event replays a given year."""

from __future__ import annotations

from typing import Any

from common.observability import logger
from mileage import expiry


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    year = (event or {}).get("year") if isinstance(event, dict) else None
    return expiry.run(int(year) if year else None)
