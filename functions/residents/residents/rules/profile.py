"""A resident's record and what may change in it: plain Python, no I/O.

The record holds only what the county needs to reach a resident who asked to be reached (a contact and the channel),
with the consent and when it was given. The resident is the opaque `sub` of their sign-in; a withdrawn resident's
record is a tombstone: the id, when they withdrew, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from common.county_residents import ResidentsSection
from common.errors import Forbidden, RuleViolation

ACTIVE = "ACTIVE"
WITHDRAWN = "WITHDRAWN"
CHANNELS = ("none", "email", "sms")


@dataclass(frozen=True)
class Profile:
    resident_id: str
    status: str
    created_at: datetime
    email: str | None = None
    phone: str | None = None
    notify_by: str = "none"
    consent_at: datetime | None = None
    withdrawn_at: datetime | None = None
    version: int = 0

    @property
    def withdrawn(self) -> bool:
        return self.status == WITHDRAWN


@dataclass(frozen=True)
class ContactChange:
    email: str | None
    phone: str | None
    notify_by: str
    consent: bool


def must_be_active(profile: Profile) -> Profile:
    if profile.withdrawn:
        raise Forbidden("탈퇴한 계정입니다. 다시 가입해 주세요.", code="WITHDRAWN")
    return profile


def changed(profile: Profile, change: ContactChange, at: datetime) -> Profile:
    """The record after `change`: a channel needs its contact and the resident's consent; withdrawing consent drops
    the contact (nothing is kept that the county may not use)."""
    if change.notify_by not in CHANNELS:
        raise RuleViolation("알림 방법은 none, email, sms 중 하나입니다.", code="INVALID_CHANNEL")
    if change.notify_by == "email" and not change.email:
        raise RuleViolation("이메일로 알림을 받으려면 이메일 주소가 필요합니다.", code="CONTACT_REQUIRED")
    if change.notify_by == "sms" and not change.phone:
        raise RuleViolation("문자로 알림을 받으려면 휴대전화 번호가 필요합니다.", code="CONTACT_REQUIRED")
    if change.notify_by != "none" and not change.consent:
        raise RuleViolation("알림을 받으려면 개인정보 수집·이용에 동의해야 합니다.", code="CONSENT_REQUIRED")
    if not change.consent:
        return Profile(profile.resident_id, profile.status, profile.created_at, version=profile.version)
    consent_at = profile.consent_at or at
    return Profile(profile.resident_id, profile.status, profile.created_at, email=change.email, phone=change.phone,
                   notify_by=change.notify_by, consent_at=consent_at, version=profile.version)


def held_data(profile: Profile, section: ResidentsSection, sign_in: dict[str, str | None]) -> dict[str, Any]:
    """What the county holds about the resident, and for how long (the county file's `residents` section)."""
    return {
        "resident_id": profile.resident_id,
        "status": profile.status,
        "created_at": profile.created_at,
        "sign_in": {k: v for k, v in sign_in.items() if v},
        "contact": {"email": profile.email, "phone": profile.phone, "notify_by": profile.notify_by,
                    "retention_days": section.profile_retention_days},
        "consent": {"given": profile.consent_at is not None, "given_at": profile.consent_at},
        "features": [{"feature": name, "keeps": feature.keeps, "retention_days": feature.retention_days,
                      "verification": feature.verification.value}
                     for name, feature in section.features().items()],
    }
