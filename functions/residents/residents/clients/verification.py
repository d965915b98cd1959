"""The real-name verification port (본인인증): whoever confirms that a sign-up is a real, unique person.

The repository ships the port and a fake, not a provider: a county that requires `real_name` adds an adapter for its
certified provider (PASS, 휴대폰 본인확인 기관 …) here. The sign-up page runs the provider's check first and passes
the provider's token in the sign-up's ValidationData (`verification_token`); the pool's pre-sign-up trigger asks the
port whether that token is a verified person.

`RESIDENT_VERIFIER` selects the adapter: `fake` (local mode and tests) or empty (no provider: every real-name sign-up
is refused, so a county that requires it cannot silently run without it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

FAKE_VERIFIED_PREFIX = "fake-verified:"  # the fake's tokens: `fake-verified:<anything>` is a verified person


@dataclass(frozen=True)
class Verdict:
    verified: bool
    reason: str = ""


class Verifier(Protocol):
    def verify(self, token: str | None) -> Verdict: ...


class FakeVerifier:
    """Local mode and tests: a token `fake-verified:<anything>` is verified, anything else refused."""

    def verify(self, token: str | None) -> Verdict:
        if token and token.startswith(FAKE_VERIFIED_PREFIX) and len(token) > len(FAKE_VERIFIED_PREFIX):
            return Verdict(True)
        return Verdict(False, "본인인증 결과를 확인할 수 없습니다.")


class NoProvider:
    """No provider is configured: nobody can be verified."""

    def verify(self, token: str | None) -> Verdict:
        return Verdict(False, "본인인증 기관이 설정되지 않았습니다.")


def verifier() -> Verifier:
    kind = os.environ.get("RESIDENT_VERIFIER", "")
    if kind == "fake":
        return FakeVerifier()
    if kind == "":
        return NoProvider()
    raise RuntimeError(f"RESIDENT_VERIFIER={kind!r}: no such verification adapter (fake, or empty)")
