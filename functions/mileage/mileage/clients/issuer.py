"""The voucher issuer port: whoever turns a redemption into a voucher code (a gifticon vendor, the county's own shop).

`issue(redemption)` returns the voucher code, or None when the issuer answers later (the vendor's result queue,
`mileage.on_voucher_result`); raises `IssueFailed` when the issuer refused for good (the points are refunded), and any
other exception for a transient failure (the fulfilment consumer lets SQS retry). The redemption id is the issuer's
idempotency key, so a retry after a crash returns (or answers for) the same voucher instead of a second one.

`MILEAGE_VOUCHER_ISSUER` selects the adapter: `queue` (deployed: a request message on the stack's voucher request
queue, which the county's vendor consumes and answers on the result queue) or `fake` (local mode and tests:
deterministic codes at once).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from typing import Any, Protocol

from common.clock import now
from common.settings import env, region


class IssueFailed(Exception):
    """The issuer refused this redemption for good (sold out, invalid reward …): refund the points."""


class IssuerUnavailable(Exception):
    """A transient failure: try again later."""


class RedemptionView(Protocol):
    redemption_id: str
    reward_code: str
    points: int
    won: Any


class VoucherIssuer(Protocol):
    def issue(self, redemption: RedemptionView) -> str | None: ...


@lru_cache(maxsize=1)
def _sqs() -> Any:
    import boto3

    return boto3.client("sqs", region_name=region())


class QueueVoucherIssuer:
    """Asks the county's voucher vendor through the stack's request queue; the vendor answers on the result queue
    (`{"redemption_id", "outcome": "issued"|"refused", "voucher_code", "reason"}`). The message carries no personal
    data: the employee reads the code in the app. A redelivered request repeats the same redemption id, which the
    vendor must treat as the same order."""

    def issue(self, redemption: RedemptionView) -> None:
        body = {"redemption_id": redemption.redemption_id, "reward_code": redemption.reward_code,
                "points": int(redemption.points), "won": int(redemption.won) if redemption.won is not None else None,
                "county": os.environ.get("COUNTY_CODE", ""), "requested_at": now().isoformat()}
        _sqs().send_message(QueueUrl=env("MILEAGE_VOUCHER_REQUEST_QUEUE_URL"),
                            MessageBody=json.dumps(body, ensure_ascii=False),
                            MessageAttributes={"redemption_id": {"DataType": "String",
                                                                 "StringValue": redemption.redemption_id}})
        return None


class FakeVoucherIssuer:
    """Deterministic codes from the redemption id (so retries return the same voucher). Told to fail through the
    environment: `MILEAGE_FAKE_ISSUER_FAIL` = comma-separated reward codes (or `*`) refused for good,
    `MILEAGE_FAKE_ISSUER_UNAVAILABLE` = the same for transient failures."""

    def __init__(self) -> None:
        self.issued: dict[str, str] = {}

    @staticmethod
    def _matches(variable: str, reward_code: str) -> bool:
        listed = {part.strip() for part in os.environ.get(variable, "").split(",") if part.strip()}
        return "*" in listed or reward_code in listed

    def issue(self, redemption: RedemptionView) -> str:
        if self._matches("MILEAGE_FAKE_ISSUER_UNAVAILABLE", redemption.reward_code):
            raise IssuerUnavailable("fake issuer unavailable")
        if self._matches("MILEAGE_FAKE_ISSUER_FAIL", redemption.reward_code):
            raise IssueFailed("fake issuer refused")
        code = "GIFT-" + hashlib.sha256(redemption.redemption_id.encode()).hexdigest()[:16].upper()
        self.issued[redemption.redemption_id] = code
        return code


def configured_issuer() -> VoucherIssuer:
    name = os.environ.get("MILEAGE_VOUCHER_ISSUER", "fake")
    if name == "fake":
        return FakeVoucherIssuer()
    if name == "queue":
        return QueueVoucherIssuer()
    raise RuntimeError(f"unknown voucher issuer: {name}")
