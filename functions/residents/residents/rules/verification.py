"""Whether a sign-up needs real-name verification (본인인증): plain Python, no I/O."""

from __future__ import annotations

from common.county_residents import ResidentsSection

EVIDENCE_FIELD = "verification_token"  # what the sign-up page passes in ValidationData after the provider's check


def needs_real_name(section: ResidentsSection) -> bool:
    """A county that requires 본인인증 for any feature checks it once, at sign-up: the account is then one person's."""
    return bool(section.requires_real_name())
