"""Scheduled (1 January 00:10 KST): year-end expiry. `{"year": 2027}` in the event replays a given year."""

from __future__ import annotations

from typing import Any

from common import import_done
from common.observability import logger
from mileage import expiry


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    year = (event or {}).get("year") if isinstance(event, dict) else None
    return expiry.run(int(year) if year else None)


import_done()  # the import is over: what it made is frozen, the collector runs again (common/__init__.py)
