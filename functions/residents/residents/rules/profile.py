"""A resident's record and what may change in it: plain Python, no I/O.

The record holds only what the county needs to reach a resident who asked to be reached (a contact and the channel),
with the consent and when it was given. The resident is the opaque `sub` of their sign-in; a withdrawn resident's
record is a tombstone: the id, when they withdrew, nothing else.

Retention: the contact and consent are kept `profile_retention_days` after the resident's last use of the service
(`last_used_at`, a day's first call); then the daily job erases them and the record keeps its id, when it was made and
when its data was erased (`erased_at`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from common.clock import to_kst
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
    last_used_at: datetime | None = None  # the first call of the day the resident last used the service
    erased_at: datetime | None = None  # when the retention job erased the contact and consent

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
        return replace(profile, email=None, phone=None, notify_by="none", consent_at=None)
    consent_at = profile.consent_at or at
    return replace(profile, email=change.email, phone=change.phone, notify_by=change.notify_by, consent_at=consent_at)


def holds_personal_data(profile: Profile) -> bool:
    """Whether the record holds what retention erases: a notification contact or the consent."""
    return bool(profile.email or profile.phone or profile.consent_at)


def expires_at(last_used_at: datetime, retention_days: int) -> datetime:
    """When personal data last used at `last_used_at` is erased: the county's `profile_retention_days` later."""
    return to_kst(last_used_at) + timedelta(days=retention_days)


def erase_at(profile: Profile, section: ResidentsSection) -> datetime | None:
    """When the record's contact and consent are erased if the resident does not use the service again; None when it
    holds none."""
    if not holds_personal_data(profile):
        return None
    return expires_at(profile.last_used_at or profile.created_at, section.profile_retention_days)


def used_today(profile: Profile, at: datetime) -> bool:
    """Whether the record already says the resident used the service on `at`'s day (KST): no write is needed."""
    return profile.last_used_at is not None and to_kst(profile.last_used_at).date() >= to_kst(at).date()


def held_data(profile: Profile, section: ResidentsSection, sign_in: dict[str, str | None]) -> dict[str, Any]:
    """What the county holds about the resident, and for how long (the county file's `residents` section)."""
    return {
        "resident_id": profile.resident_id,
        "status": profile.status,
        "created_at": profile.created_at,
        "sign_in": {k: v for k, v in sign_in.items() if v},
        "contact": {"email": profile.email, "phone": profile.phone, "notify_by": profile.notify_by,
                    "retention_days": section.profile_retention_days, "erase_at": erase_at(profile, section),
                    "erased_at": profile.erased_at},
        "last_used_at": profile.last_used_at,
        "consent": {"given": profile.consent_at is not None, "given_at": profile.consent_at},
        "features": [{"feature": name, "keeps": feature.keeps, "retention_days": feature.retention_days,
                      "verification": feature.verification.value}
                     for name, feature in section.features().items()],
    }
