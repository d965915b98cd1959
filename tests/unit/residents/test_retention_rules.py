"""When a resident's personal data is erased and when a call notes their use: the rules alone (no moto)."""

from __future__ import annotations

from datetime import datetime, timezone

from common.clock import KST
from common.county_residents import ResidentsSection
from residents.rules.profile import ContactChange, Profile, changed, erase_at, used_today

MADE = datetime(2026, 11, 30, 10, tzinfo=KST)
SECTION = ResidentsSection(profile_retention_days=30)


def test_nothing_held_is_never_erased():
    assert erase_at(Profile("r", "ACTIVE", MADE, last_used_at=MADE), SECTION) is None


def test_held_data_is_erased_the_period_after_the_last_use():
    held = changed(Profile("r", "ACTIVE", MADE, last_used_at=MADE),
                   ContactChange(email="a@example.com", phone=None, notify_by="email", consent=True), MADE)
    assert erase_at(held, SECTION) == datetime(2026, 12, 30, 10, tzinfo=KST)
    assert held.last_used_at == MADE  # a change keeps what the record knows of its use
    dropped = changed(held, ContactChange(email=None, phone=None, notify_by="none", consent=False), MADE)
    assert erase_at(dropped, SECTION) is None


def test_a_use_is_noted_once_per_korean_day():
    evening = Profile("r", "ACTIVE", MADE, last_used_at=datetime(2026, 11, 30, 23, 30, tzinfo=KST))
    assert used_today(evening, datetime(2026, 11, 30, 23, 59, tzinfo=KST))
    assert not used_today(evening, datetime(2026, 12, 1, 0, 10, tzinfo=KST))  # still 11-30 in UTC
    assert not used_today(evening, datetime(2026, 11, 30, 15, 10, tzinfo=timezone.utc))
    assert not used_today(Profile("r", "ACTIVE", MADE), MADE)  # a record from before last use was noted
