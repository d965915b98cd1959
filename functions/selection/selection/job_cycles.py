"""Scheduled (daily, 00:20 KST): this year's rounds exist (each asking the committee for its criteria), and every
cycle whose dates call for its next phase moves one step (`SelectionPhaseChanged`). One index query; a rerun moves
nothing twice (each move is conditional on the phase it read)."""

from __future__ import annotations

from typing import Any

from common.clock import today
from common.county import county
from common.observability import logger
from selection import cycles


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    if county().selection is None:  # this county runs no selection
        return {"created": [], "moved": {}}
    day = today()
    created = cycles.ensure_scheduled(day)
    moved = cycles.move_on_schedule(day)
    logger.info("selection cycles", extra={"created": created, "moved": moved})
    return {"created": created, "moved": moved}
