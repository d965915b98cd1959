"""An area's scheduled job as its entry point's one line (as `common.consumer.consumer_handler` is a consumer's):

    handler = area_job("complaints", retention.erase_expired, what="complaint retention", idle={"due": 0})

Nothing to do where the county file has no `section` (the county does not run the area: `idle` is returned); else
`run()`, its counts logged under `what` and returned."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any


def area_job(section: str, run: Callable[[], dict[str, Any]], *, what: str,
             idle: dict[str, Any]) -> Callable[[dict | None, Any], dict]:
    from common import import_done
    from common.county import county
    from common.observability import logger

    @logger.inject_lambda_context(clear_state=True)
    def handler(event: dict | None, context: Any) -> dict:
        if getattr(county(), section) is None:
            return copy.deepcopy(idle)
        counts = run()
        logger.info(what, extra=counts)
        return counts

    import_done()  # the collector back, the import's objects frozen (common/__init__.py)
    return handler
