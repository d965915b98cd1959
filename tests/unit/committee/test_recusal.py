"""Recusal per item: 제척 automatic (a party; the party's department where configured) or declared, 기피 pending or
upheld, 회피; a declaration before voting; a recused member's vote refused, not ignored."""

import pytest

from committee.rules.recusal import (
    Challenge,
    Declaration,
    Ground,
    Item,
    Party,
    StepAside,
    automatic_grounds,
    recused_members,
    standing,
)
from committee.rules.votes import Choice, MotionVote, cast
from common.errors import InvalidInput, RuleViolation

from .helpers import RULES, civilian, roster, rules, staff

ITEM = Item("I1", (Party(employee_no="2026013", department="FIN"), Party(name="㈜바른건설")))
FIN_HEAD = staff("2026011", department="FIN")
PARTY = staff("2026013", department="FIN")
OTHER = staff("2026020", department="CON")
C1 = civilian("C1")


def declared(member, *grounds):
    return Declaration("I1", member.member_id, tuple(grounds))


def test_the_party_and_the_partys_department_are_excluded_automatically():
    assert automatic_grounds(PARTY, ITEM, RULES) == (Ground.PARTY, Ground.PARTY_DEPARTMENT)
    assert automatic_grounds(FIN_HEAD, ITEM, RULES) == (Ground.PARTY_DEPARTMENT,)
    assert automatic_grounds(OTHER, ITEM, RULES) == () and automatic_grounds(C1, ITEM, RULES) == ()
    untied = rules(recusal={"automatic_ties": []})
    assert automatic_grounds(FIN_HEAD, ITEM, untied) == ()
    assert automatic_grounds(PARTY, ITEM, untied) == (Ground.PARTY,)


def test_an_automatically_excluded_member_may_not_vote_even_after_declaring_nothing():
    result = standing(FIN_HEAD, ITEM, RULES, declarations=[declared(FIN_HEAD)])
    assert result.recused and not result.may_vote and result.code == "MEMBER_RECUSED"
    assert "당사자와 같은 부서" in result.message


def test_a_member_declares_before_voting():
    assert standing(OTHER, ITEM, RULES).code == "DECLARATION_REQUIRED"
    assert not standing(OTHER, ITEM, RULES).recused  # not yet declared still counts toward the quorum
    assert standing(OTHER, ITEM, RULES, declarations=[declared(OTHER)]).may_vote
    # a declaration on another item does not count
    assert standing(OTHER, ITEM, RULES, declarations=[Declaration("I2", OTHER.member_id)]).code == \
        "DECLARATION_REQUIRED"


@pytest.mark.parametrize("ground", [Ground.SPOUSE_OR_RELATIVE, Ground.ADVISED_OR_TESTIFIED, Ground.AGENT])
def test_a_declared_ground_excludes_the_member(ground):
    result = standing(C1, ITEM, RULES, declarations=[declared(C1, ground)])
    assert result.recused and result.grounds == (ground,)


def test_only_declarable_grounds_are_declared():
    with pytest.raises(InvalidInput) as error:
        declared(C1, Ground.CHALLENGE_UPHELD)
    assert error.value.code == "NOT_A_DECLARABLE_GROUND"


def test_a_challenge_pending_then_upheld_or_dismissed():
    pending = Challenge("K1", "I1", C1.member_id, reasons="당사자와 동업 관계")
    decl = [declared(C1)]
    assert standing(C1, ITEM, RULES, declarations=decl, challenges=[pending]).code == "CHALLENGE_PENDING"
    assert not standing(C1, ITEM, RULES, declarations=decl, challenges=[pending]).recused
    upheld = standing(C1, ITEM, RULES, declarations=decl, challenges=[Challenge("K1", "I1", "C1", "r", upheld=True)])
    assert upheld.grounds == (Ground.CHALLENGE_UPHELD,)
    assert standing(C1, ITEM, RULES, declarations=decl,
                    challenges=[Challenge("K1", "I1", "C1", "r", upheld=False)]).may_vote


def test_a_member_who_steps_aside_is_out_of_the_item():
    result = standing(C1, ITEM, RULES, declarations=[declared(C1)], step_asides=[StepAside("I1", "C1", "친분")])
    assert result.grounds == (Ground.STEPPED_ASIDE,)


def test_a_recused_members_vote_is_refused_not_ignored():
    vote = MotionVote("I1", FIN_HEAD.member_id, Choice.FOR)
    with pytest.raises(RuleViolation) as error:
        cast((), vote, standing(FIN_HEAD, ITEM, RULES, declarations=[declared(FIN_HEAD)]))
    assert error.value.code == "MEMBER_RECUSED" and error.value.details["grounds"] == ["party_department"]
    for code, kwargs in [("DECLARATION_REQUIRED", {}),
                         ("CHALLENGE_PENDING", {"declarations": [declared(OTHER)],
                                                "challenges": [Challenge("K", "I1", OTHER.member_id, "r")]})]:
        with pytest.raises(RuleViolation) as error:
            cast((), MotionVote("I1", OTHER.member_id, Choice.FOR), standing(OTHER, ITEM, RULES, **kwargs))
        assert error.value.code == code
    ok = standing(OTHER, ITEM, RULES, declarations=[declared(OTHER)])
    assert cast((), MotionVote("I1", OTHER.member_id, Choice.FOR), ok) == (MotionVote("I1", "2026020", Choice.FOR),)


def test_the_recused_members_of_an_item():
    members = [*roster(), FIN_HEAD, PARTY, OTHER]
    out = recused_members(members, ITEM, RULES, declarations=[declared(C1, Ground.AGENT)],
                          step_asides=[StepAside("I1", "C2")])
    assert out == {"2026011", "2026013", "C1", "C2", "S-FIN"}  # S-FIN works in FIN too
