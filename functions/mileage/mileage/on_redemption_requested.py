"""Consumer: MileageRedemptionRequested → the configured voucher issuer (or HR, for leave and cash) → spent or
refunded. A transient issuer failure raises, so SQS redelivers the event (then the DLQ)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from common.consumer import consume
from common.events import EventEnvelope
from common.observability import logger
from mileage import fulfilment
from mileage.clients.issuer import VoucherIssuer, configured_issuer


@lru_cache(maxsize=1)
def _issuer() -> VoucherIssuer:
    return configured_issuer()


def fulfil(envelope: EventEnvelope) -> None:
    if envelope.detail_type != "MileageRedemptionRequested":
        return
    outcome = fulfilment.fulfil(envelope.data["redemption_id"], _issuer())
    logger.info("redemption settled", extra={"redemption_id": envelope.data["redemption_id"], "outcome": outcome})


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict, context: Any) -> dict:
    return consume(event, context, consumer="mileage-fulfilment", table_variable="MILEAGE_TABLE", handle=fulfil)
