"""Where the personnel committee acts as the committee, experts are heard on each item before it is resolved."""

import pytest

from committee.rules.experts import Hearing, ensure_experts_heard
from common.errors import InvalidInput, RuleViolation

from .helpers import RULES, rules

HEARING = Hearing("I1", ("행정법 교수",), "인허가 기준 해석상 재량 범위 안")


def test_a_personnel_committee_resolves_an_item_only_after_hearing_experts_on_it():
    personnel = rules(personnel_committee_acts=True)
    with pytest.raises(RuleViolation) as error:
        ensure_experts_heard("I1", [Hearing("I2", ("변호사",), "다른 안건")], personnel)
    assert error.value.code == "EXPERTS_NOT_HEARD"
    ensure_experts_heard("I1", [HEARING], personnel)


def test_the_committee_itself_needs_no_hearing():
    ensure_experts_heard("I1", [], RULES)


@pytest.mark.parametrize("experts, summary", [((), "요지"), (("  ",), "요지"), (("교수",), " ")])
def test_a_hearing_names_its_experts_and_what_they_said(experts, summary):
    with pytest.raises(InvalidInput) as error:
        Hearing("I1", experts, summary)
    assert error.value.code == "HEARING_INCOMPLETE"
