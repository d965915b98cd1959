"""The AA committee roster's composition."""

from __future__ import annotations

from datetime import date

from directory.rules import committee
from directory.rules.records import CommitteeMember


def test_committee_composition_counts_only_serving_members():
    day = date(2026, 11, 23)
    members = [
        CommitteeMember("EMP-1", False, "M", employee_no="1"),
        CommitteeMember("CIV-1", True, "F", term_start=date(2026, 1, 1), term_end=date(2027, 12, 31)),
        CommitteeMember("CIV-2", True, "M", term_start=date(2024, 1, 1), term_end=date(2025, 12, 31)),  # ended
    ]
    composition = committee.committee_composition(members, day)
    assert (composition["serving"], composition["civilian_count"], composition["civilian_share"]) == (2, 1, 0.5)
    assert composition["civilian_majority_met"] is True and composition["size_within_limits"] is False
    assert composition["gender"] == {"M": 1, "F": 1, "unknown": 0}
