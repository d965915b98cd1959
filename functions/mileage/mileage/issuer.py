"""The voucher issuer port: whoever turns a redemption into a voucher code (a gifticon vendor, the county's own shop).

`issue(redemption)` returns the voucher code, raises `IssueFailed` when the issuer refused for good (the points are
refunded), and any other exception for a transient failure (the fulfilment consumer lets SQS retry). The redemption id
is the issuer's idempotency key, so a retry after a crash returns the same voucher instead of a second one.

`MILEAGE_VOUCHER_ISSUER` selects the adapter: `fake` (local mode and tests; deterministic codes) is the only one this
county has contracted so far; a vendor adapter is another class with the same method, chosen here.
"""

from __future__ import annotations

import hashlib
import os
from typing import Protocol


class IssueFailed(Exception):
    """The issuer refused this redemption for good (sold out, invalid reward …): refund the points."""


class IssuerUnavailable(Exception):
    """A transient failure: try again later."""


class RedemptionView(Protocol):
    redemption_id: str
    reward_code: str
    points: int


class VoucherIssuer(Protocol):
    def issue(self, redemption: RedemptionView) -> str: ...


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
    raise RuntimeError(f"unknown voucher issuer: {name}")
