"""Litigation support (운영규정 §17): retirees only for the kinds that allow them, the county's cap per kind, criminal
trial costs only after the final acquittal, never more than approved."""

from __future__ import annotations

import pytest

from common.county_consulting import LitigationKind
from common.errors import Conflict, RuleViolation
from consulting.rules import litigation
from tests.unit.consulting.helpers import SECTION

RULES = SECTION.litigation_support
K = LitigationKind


@pytest.mark.parametrize("kind, retired_ok", [
    (K.DISCIPLINARY_EXPLANATION, False), (K.CRIMINAL_INVESTIGATION, True), (K.CRIMINAL_TRIAL, True),
    (K.CIVIL_SUIT, False)])
def test_retired_officials_for_the_criminal_kinds_only(kind, retired_ok):
    assert litigation.application(kind, RULES[kind], retired=False, requested_won=1) == 1
    if retired_ok:
        assert litigation.application(kind, RULES[kind], retired=True, requested_won=1) == 1
    else:
        with pytest.raises(RuleViolation) as refused:
            litigation.application(kind, RULES[kind], retired=True, requested_won=1)
        assert refused.value.code == "RETIREE_NOT_ELIGIBLE"


def test_the_countys_cap_per_kind():
    cap = RULES[K.CIVIL_SUIT].max_won
    assert litigation.application(K.CIVIL_SUIT, RULES[K.CIVIL_SUIT], retired=False, requested_won=cap) == cap
    with pytest.raises(RuleViolation) as refused:
        litigation.application(K.CIVIL_SUIT, RULES[K.CIVIL_SUIT], retired=False, requested_won=cap + 1)
    assert (refused.value.code, refused.value.details) == ("OVER_LIMIT", {"max_won": cap})


def test_the_committees_resolution_approves_or_denies_once():
    assert litigation.resolved("APPLIED", passed=True).after == "APPROVED"
    assert litigation.resolved("APPLIED", passed=False).after == "DENIED"
    with pytest.raises(Conflict):
        litigation.resolved("APPROVED", passed=True)


def test_criminal_trial_costs_wait_for_the_final_acquittal():
    rule = RULES[K.CRIMINAL_TRIAL]
    with pytest.raises(RuleViolation) as refused:
        litigation.payment("APPROVED", rule, acquitted=False, approved_won=100, paid_won=0, won=100)
    assert refused.value.code == "AWAIT_FINAL_ACQUITTAL"
    assert litigation.payment("APPROVED", rule, acquitted=True, approved_won=100, paid_won=0, won=100).after == "PAID"


def test_payments_stay_within_the_approved_amount():
    rule = RULES[K.CIVIL_SUIT]
    assert litigation.payment("APPROVED", rule, acquitted=False, approved_won=100, paid_won=0, won=40).after == (
        "APPROVED")
    assert litigation.payment("APPROVED", rule, acquitted=False, approved_won=100, paid_won=40, won=60).after == "PAID"
    with pytest.raises(RuleViolation) as refused:
        litigation.payment("APPROVED", rule, acquitted=False, approved_won=100, paid_won=40, won=61)
    assert refused.value.code == "OVER_APPROVED"
    for state in ("APPLIED", "DENIED", "PAID"):
        with pytest.raises(Conflict):
            litigation.payment(state, rule, acquitted=True, approved_won=100, paid_won=0, won=1)


def test_an_indemnity_decision_weighs_active_administration():
    assert litigation.indemnity("waive", from_active_administration=False, weighing=None) == "waive"
    assert litigation.indemnity("reduce", from_active_administration=True, weighing="선례 검토 후 처리") == "reduce"
    with pytest.raises(RuleViolation) as refused:
        litigation.indemnity("claim", from_active_administration=True, weighing=" ")
    assert refused.value.code == "WEIGHING_REQUIRED"
