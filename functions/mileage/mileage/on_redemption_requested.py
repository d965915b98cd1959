"""Consumer: MileageRedemptionRequested of a voucher → the configured voucher issuer → spent or refunded (leave and
cash wait for HR, AWAITING_HR: nothing to do here). A transient issuer failure raises, so SQS redelivers the event
(then the DLQ)."""

from __future__ import annotations

from functools import lru_cache

from common.consumer import consumer_handler
from common.events import EventEnvelope
from common.observability import logger
from contracts.mileage import MileageRedemptionRequested
from mileage import fulfilment
from mileage.clients.issuer import VoucherIssuer, configured_issuer


@lru_cache(maxsize=1)
def _issuer() -> VoucherIssuer:
    return configured_issuer()


def fulfil(envelope: EventEnvelope) -> None:
    if (envelope.source, envelope.detail_type) != ("jeokgeuk.mileage", MileageRedemptionRequested.detail_type()):
        return
    requested = MileageRedemptionRequested.of(envelope)  # read with the publisher's model (`contracts.mileage`)
    outcome = fulfilment.fulfil(requested.redemption_id, _issuer())
    logger.info("redemption settled", extra={"redemption_id": requested.redemption_id, "outcome": outcome})


handler = consumer_handler(consumer="mileage-fulfilment", table_variable="MILEAGE_TABLE", handle=fulfil)
