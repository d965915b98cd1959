"""기피: the committee decides a party's challenge without the challenged member."""

import pytest

from committee.rules.challenges import cast_on, decide, decision_item_id, decision_quorum
from committee.rules.recusal import Challenge, Declaration, Ground, Item, Party, standing
from committee.rules.sitting import Sitting
from committee.rules.votes import Choice, MotionVote, Outcome
from common.errors import RuleViolation

from .helpers import RULES, roster

MEMBERS = roster()
SITTING = Sitting("M1", MEMBERS[0], tuple(MEMBERS[1:]))  # 10
EVERYONE = [m.member_id for m in MEMBERS]
OTHERS = [m for m in EVERYONE if m != "C1"]  # 9 besides the challenged member
CHALLENGE = Challenge("K1", "I1", "C1", reasons="당사자의 전 직장 동료")
ITEM_ID = decision_item_id(CHALLENGE)


def votes(*pairs):
    cast = ()
    for member_id, choice in pairs:
        cast = cast_on(CHALLENGE, cast, MotionVote(ITEM_ID, member_id, choice))
    return cast


def test_the_challenged_member_may_not_vote_on_the_challenge():
    with pytest.raises(RuleViolation) as error:
        votes(("C2", Choice.FOR), ("C1", Choice.AGAINST))
    assert error.value.code == "CHALLENGED_MEMBER_EXCLUDED"


def test_the_challenged_member_is_out_of_the_decisions_quorum():
    q = decision_quorum(CHALLENGE, SITTING, EVERYONE, (), RULES)
    assert "C1" not in q.eligible and len(q.eligible) == 9 and len(q.present) == 9
    # 4 others and the challenged member present: 5 of 10 would not be a quorum anyway, and 4 of 9 is not;
    # 5 others and the challenged member: 6 of 10 would be one counting C1, and 5 of 9 is one without
    assert not decision_quorum(CHALLENGE, SITTING, [*OTHERS[:4], "C1"], (), RULES).met
    assert decision_quorum(CHALLENGE, SITTING, [*OTHERS[:5], "C1"], (), RULES).met
    # the edge: 4 others + C1 of a 9-member sitting is 5 of 9 counting C1 (a quorum), but 4 of 8 without (none)
    nine = Sitting("M2", MEMBERS[0], tuple(MEMBERS[1:9]))
    assert not decision_quorum(CHALLENGE, nine, ["S-DEPUTY", "S-AUDIT", "S-PLAN", "S-FIN", "C1"], (), RULES).met


def test_upheld_the_challenge_recuses_the_member_on_the_item():
    q = decision_quorum(CHALLENGE, SITTING, EVERYONE, (), RULES)
    ballot = votes(*[(m, Choice.FOR) for m in OTHERS[:5]], *[(m, Choice.AGAINST) for m in OTHERS[5:]])
    decided, resolution = decide(CHALLENGE, ballot, q, RULES)
    assert decided.upheld is True and resolution.outcome is Outcome.PASSED and resolution.counts["for"] == 5
    on_item = standing(MEMBERS[4], Item("I1", (Party(name="갑"),)), RULES,
                       declarations=[Declaration("I1", "C1")], challenges=[decided])
    assert on_item.grounds == (Ground.CHALLENGE_UPHELD,) and not on_item.may_vote
    with pytest.raises(RuleViolation) as error:
        decide(decided, ballot, q, RULES)
    assert error.value.code == "CHALLENGE_DECIDED"


def test_a_tied_challenge_is_dismissed_and_without_quorum_it_stays_pending():
    q = decision_quorum(CHALLENGE, SITTING, [m for m in EVERYONE if m != "C6"], (), RULES)  # 8 of 9 present
    ballot = votes(*[(m, Choice.FOR) for m in OTHERS[:4]], *[(m, Choice.AGAINST) for m in OTHERS[4:8]])
    decided, resolution = decide(CHALLENGE, ballot, q, RULES)
    assert resolution.counts == {"for": 4, "against": 4, "abstain": 0} and decided.upheld is False
    few = decision_quorum(CHALLENGE, SITTING, OTHERS[:4], (), RULES)
    undecided, resolution = decide(CHALLENGE, votes(*[(m, Choice.FOR) for m in OTHERS[:4]]), few, RULES)
    assert resolution.outcome is Outcome.NO_QUORUM and undecided.upheld is None


def test_members_recused_on_the_item_do_not_decide_its_challenges_either():
    with pytest.raises(RuleViolation) as error:
        cast_on(CHALLENGE, (), MotionVote(ITEM_ID, "S-FIN", Choice.FOR), recused_on_item={"S-FIN"})
    assert error.value.code == "MEMBER_RECUSED"
    assert "S-FIN" not in decision_quorum(CHALLENGE, SITTING, EVERYONE, {"S-FIN"}, RULES).eligible


def test_a_quorum_counting_the_challenged_member_is_not_accepted():
    from committee.rules.sitting import quorum

    with pytest.raises(ValueError):
        decide(CHALLENGE, (), quorum(SITTING, EVERYONE, (), RULES.quorum), RULES)
