"""Whether a resident's sign-in is verified enough for a feature (the county file's `residents.<feature>`).

`email` and `phone`: the ID token's `email_verified` / `phone_number_verified` claim; `real_name`: the residents'
pool checks 본인인증 at sign-up wherever the county asks for it, so every account of that pool has passed it."""

from __future__ import annotations

from typing import Any

from common.county_residents import Verification


def _true(value: Any) -> bool:
    return str(value).lower() == "true"


def verified(level: Verification, claims: dict[str, Any]) -> bool:
    if level == Verification.EMAIL:
        return _true(claims.get("email_verified"))
    if level == Verification.PHONE:
        return _true(claims.get("phone_number_verified"))
    return True
