"""사후 추인's three requirements, and the matter code opinions are registered under."""

from __future__ import annotations

import pytest

from common.errors import InvalidInput, RuleViolation
from consulting.rules.matter import matter_code
from consulting.rules.ratification import Requirement, requirements_met

ALL = {"disaster_or_safety": "태풍 피해 도로 응급 복구", "no_time_to_ask": "야간 붕괴 위험",
       "due_care": "안전진단 후 시공"}


def test_all_three_requirements_recorded_each_with_its_statement():
    assert requirements_met(ALL) == {Requirement(k): v for k, v in ALL.items()}


@pytest.mark.parametrize("left_out", sorted(ALL))
def test_a_missing_or_blank_requirement_is_refused_by_name(left_out):
    for statements in ({k: v for k, v in ALL.items() if k != left_out}, {**ALL, left_out: "  "}):
        with pytest.raises(RuleViolation) as refused:
            requirements_met(statements)
        assert (refused.value.code, refused.value.details) == ("RATIFICATION_REQUIREMENTS", {"missing": [left_out]})


@pytest.mark.parametrize("given, code", [
    ("road occupancy", "ROAD-OCCUPANCY"), (" 도로_점용  허가 ", "도로-점용-허가"), ("a--b-", "A-B")])
def test_matter_codes_are_normalised(given, code):
    assert matter_code(given) == code


@pytest.mark.parametrize("given", ["", "  ", "도로/점용", "x" * 41])
def test_a_matter_code_outside_the_alphabet_is_refused(given):
    with pytest.raises(InvalidInput):
        matter_code(given)
