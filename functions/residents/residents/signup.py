"""Sign-up checks, run by the residents' pool's pre-sign-up trigger before Cognito creates the account."""

from __future__ import annotations

from typing import Any

from common.county import county
from residents.clients.verification import verifier
from residents.rules.verification import EVIDENCE_FIELD, needs_real_name


class SignUpRefused(Exception):
    """Cognito refuses the sign-up with this message (`PreSignUp failed with error <message>`)."""


def check(validation_data: dict[str, Any]) -> None:
    """Where the county requires 본인인증 for a feature, the sign-up must carry a token the provider verifies."""
    if not needs_real_name(county().residents):
        return
    verdict = verifier().verify(validation_data.get(EVIDENCE_FIELD))
    if not verdict.verified:
        raise SignUpRefused(f"본인인증이 필요합니다: {verdict.reason}")
