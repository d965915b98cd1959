"""The exemption application (공공감사법 시행령 §13의3–4): its three criteria, after the audit, one decision (a board
with its resolution), the committee's recommendation asked and answered once, and the BAI report's quarter."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import Conflict, InvalidInput, RuleViolation
from consulting.rules import exemption

CRITERIA = {"public_interest": "주민 안전", "active_handling": "선제 조치",
            "no_intent_or_gross_negligence": "절차 준수"}


def test_all_three_criteria_must_be_stated():
    assert set(exemption.criteria_stated(CRITERIA)) == set(exemption.Criterion)
    with pytest.raises(RuleViolation) as refused:
        exemption.criteria_stated({**CRITERIA, "active_handling": " "})
    assert refused.value.details == {"missing": ["active_handling"]}


def test_the_application_comes_after_the_audit():
    assert exemption.after_the_audit(date(2026, 11, 30), date(2026, 11, 30)) == date(2026, 11, 30)
    with pytest.raises(RuleViolation) as refused:
        exemption.after_the_audit(date(2026, 12, 1), date(2026, 11, 30))
    assert refused.value.code == "AUDIT_NOT_ENDED"


def test_the_decision_once_and_a_board_with_its_resolution():
    assert exemption.decide("FILED", exempt=True, deciding_body="audit_head", board_resolution=None).after == "EXEMPT"
    assert exemption.decide("FILED", exempt=False, deciding_body="exemption_board",
                            board_resolution="2026-3").after == "NOT_EXEMPT"
    with pytest.raises(InvalidInput):
        exemption.decide("FILED", exempt=True, deciding_body="exemption_board", board_resolution=None)
    with pytest.raises(Conflict):
        exemption.decide("EXEMPT", exempt=True, deciding_body="audit_head", board_resolution=None)


def test_the_recommendation_is_asked_once_and_answered_once():
    assert exemption.recommendation_move(None, requested=True) == "REQUESTED"
    assert exemption.recommendation_move("REQUESTED", passed=True) == "RECOMMENDED"
    assert exemption.recommendation_move("REQUESTED", passed=False) == "NOT_RECOMMENDED"
    for current, kwargs in (("REQUESTED", {"requested": True}), (None, {"passed": True}),
                            ("RECOMMENDED", {"passed": True})):
        with pytest.raises(Conflict):
            exemption.recommendation_move(current, **kwargs)


@pytest.mark.parametrize("day, label, end", [
    (date(2026, 1, 1), "2026Q1", "2026-04-01"), (date(2026, 6, 30), "2026Q2", "2026-07-01"),
    (date(2026, 9, 30), "2026Q3", "2026-10-01"), (date(2026, 12, 31), "2026Q4", "2027-01-01")])
def test_quarters_and_their_ends(day, label, end):
    assert exemption.quarter(day) == label
    assert exemption.quarter_end(label).date().isoformat() == end


@pytest.mark.parametrize("label", ["2026Q5", "2026-4", "Q4", ""])
def test_a_bad_quarter_is_refused(label):
    with pytest.raises(InvalidInput):
        exemption.quarter_end(label)
