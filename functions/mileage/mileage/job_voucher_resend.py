"""Scheduled (every 3 hours): voucher requests the vendor has not answered within the county's
`mileage.redemption.vendor_resend_after_hours` are sent again (the points stay held meanwhile; never lost)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from common import import_done
from common.observability import logger, metrics
from mileage import fulfilment
from mileage.clients.issuer import configured_issuer
from mileage.rules import policy as rules


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
def handler(event: dict | None, context: Any) -> dict:
    section = rules._cached_policy()
    if section is None:  # this county does not run mileage
        return {"unsettled": 0, "asked": 0}
    counts = fulfilment.resend_unanswered(configured_issuer(),
                                           after_hours=section.redemption.vendor_resend_after_hours)
    metrics.add_metric(name="VoucherRequestsResent", unit=MetricUnit.Count, value=counts["asked"])
    logger.info("unanswered voucher requests", extra=counts)
    return counts


import_done()  # the import is over: what it made is frozen, the collector runs again (common/__init__.py)
