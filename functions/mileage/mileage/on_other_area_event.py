"""Consumer: other areas' events (consulting, selection, complaints) → draft proposals, by the county's event rules."""

from __future__ import annotations

from typing import Any

from common.consumer import consume
from common.events import EventEnvelope
from common.observability import logger
from mileage import proposals


def draft(envelope: EventEnvelope) -> None:
    proposals.draft_from_event(envelope)


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict, context: Any) -> dict:
    return consume(event, context, consumer="mileage-proposals", table_variable="MILEAGE_TABLE", handle=draft)
