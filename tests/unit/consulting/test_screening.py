"""Every refusal reason of the screenings (사전컨설팅 W4, 의견제시 요청 seed 004) has its code and Korean label."""

from __future__ import annotations

import pytest

from common.errors import InvalidInput
from consulting.rules.screening import REFUSAL_LABELS_KO, RefusalReason, refusal


@pytest.mark.parametrize("code, words", [
    ("law_clear", "민원 회피"),
    ("no_own_review", "자체 검토"),
    ("disposition_made", "이미 처분"),
    ("proceeding_under_way", "수사·소송·행정심판·감사"),
])
def test_each_refusal_reason_is_a_code_with_its_korean_label(code, words):
    reason, told = refusal(code)
    assert reason is RefusalReason(code)
    assert words in told and told == REFUSAL_LABELS_KO[reason]


def test_the_reviewers_note_follows_the_label():
    _, told = refusal("no_own_review", "  관계 법령 검토가 빠져 있음 ")
    assert told == "자체 검토가 충분하지 않은 경우: 관계 법령 검토가 빠져 있음"


def test_an_unknown_reason_is_refused_listing_the_known_ones():
    with pytest.raises(InvalidInput) as refused:
        refusal("earlier_pre_consulting")  # an earlier pre-consulting never bars an opinion request
    assert refused.value.code == "UNKNOWN_REFUSAL_REASON"
    assert set(refused.value.details["allowed"]) == {r.value for r in RefusalReason}


def test_every_reason_has_a_label():
    assert set(REFUSAL_LABELS_KO) == set(RefusalReason)
