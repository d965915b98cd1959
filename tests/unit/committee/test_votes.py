"""Votes and resolutions: the passing rule's tie and exactly-half edges, abstentions, one vote per member per item,
selection items resolved per candidate, and tallies recomputed from the votes in any order."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.rules.recusal import Standing
from committee.rules.sitting import Sitting, quorum
from committee.rules.votes import (
    Choice,
    MotionVote,
    Outcome,
    SelectionVote,
    cast,
    check_selection,
    tally_motion,
    tally_selection,
)
from common.errors import Conflict, InvalidInput

from .helpers import RULES, civilian, rules, staff

SITTING = Sitting("M1", staff("CHAIR", deputy_head=True, chair=True), tuple(civilian(f"C{i}") for i in range(9)))
IDS = sorted(SITTING.member_ids)  # 10


def motion(for_=0, against=0, abstain=0):
    choices = [Choice.FOR] * for_ + [Choice.AGAINST] * against + [Choice.ABSTAIN] * abstain
    return [MotionVote("I1", member_id, choice) for member_id, choice in zip(IDS, choices, strict=False)]


def present(n):
    return quorum(SITTING, IDS[:n], (), RULES.quorum)


def test_a_majority_of_those_present_passes_a_tie_fails():
    assert tally_motion("I1", motion(5, 4), present(9), RULES).outcome is Outcome.PASSED
    tie = tally_motion("I1", motion(4, 4), present(8), RULES)
    assert tie.outcome is Outcome.REJECTED and (tie.base, tie.needed) == (8, 5)


def test_exactly_half_passes_where_the_county_says_half_or_more():
    half = rules(passing={"at_least": "1/2"})
    assert tally_motion("I1", motion(4, 4), present(8), half).outcome is Outcome.PASSED
    assert tally_motion("I1", motion(4, 4), present(8), RULES).outcome is Outcome.REJECTED


def test_abstentions_and_silent_members_are_present_unless_the_county_counts_only_for_and_against():
    # 4 for, 3 against, 1 abstains, 1 present without voting: 4 of 9 present fails; 4 of 7 cast passes
    result = tally_motion("I1", motion(4, 3, 1), present(9), RULES)
    assert result.outcome is Outcome.REJECTED and result.counts == {"for": 4, "against": 3, "abstain": 1}
    cast_only = rules(abstentions_count=False)
    assert tally_motion("I1", motion(4, 3, 1), present(9), cast_only).outcome is Outcome.PASSED


def test_without_a_quorum_there_is_no_resolution():
    assert tally_motion("I1", motion(5), present(5), RULES).outcome is Outcome.NO_QUORUM  # 5 of 10 is half


def test_one_vote_per_member_per_item_a_second_is_refused():
    ok = Standing("I1", "C1")
    votes = cast((), MotionVote("I1", "C1", Choice.FOR), ok)
    with pytest.raises(Conflict) as error:
        cast(votes, MotionVote("I1", "C1", Choice.AGAINST), ok)
    assert error.value.code == "VOTE_ALREADY_CAST"
    assert cast(votes, MotionVote("I2", "C1", Choice.AGAINST), Standing("I2", "C1"))[-1].item_id == "I2"


def test_a_tally_refuses_double_votes_and_votes_of_members_not_counted():
    with pytest.raises(Conflict) as error:
        tally_motion("I1", [*motion(2), MotionVote("I1", IDS[0], Choice.AGAINST)], present(9), RULES)
    assert error.value.code == "DUPLICATE_VOTE"
    with pytest.raises(InvalidInput) as error:
        tally_motion("I1", motion(7), present(6), RULES)
    assert error.value.code == "VOTER_NOT_COUNTED"


CANDIDATES, OPTIONS = ["E1", "E2"], ["최우수", "우수", "장려", "not_selected"]


def selection(member_id, e1, e2):
    return SelectionVote("S1", member_id, {"E1": e1, "E2": e2})


def test_a_selection_resolves_each_candidate_by_majority():
    votes = [selection(IDS[i], "최우수", "우수" if i < 4 else "장려") for i in range(7)]  # E2 split 4–3
    result = tally_selection("S1", votes, CANDIDATES, OPTIONS, present(7), RULES)
    assert result.outcome is Outcome.RESOLVED
    assert result.candidates["E1"].option == "최우수" and result.candidates["E2"].option == "우수"
    assert result.candidates["E2"].counts == {"최우수": 0, "우수": 4, "장려": 3, "not_selected": 0}


def test_a_candidate_without_a_majority_option_stays_undecided():
    votes = [selection(IDS[i], "not_selected", ["우수", "장려", "not_selected"][i % 3]) for i in range(6)]
    result = tally_selection("S1", votes, CANDIDATES, OPTIONS, present(6), RULES)
    assert result.outcome is Outcome.UNDECIDED
    assert result.candidates["E1"].option == "not_selected" and result.candidates["E2"].option is None
    # at exactly half under 'half or more' two options can tie: still undecided
    tied = [selection(IDS[i], "우수", "우수" if i < 3 else "장려") for i in range(6)]
    half = tally_selection("S1", tied, CANDIDATES, OPTIONS, present(6), rules(passing={"at_least": "1/2"}))
    assert half.candidates["E2"].option is None and half.candidates["E1"].option == "우수"
    assert tally_selection("S1", tied[:5], CANDIDATES, OPTIONS, present(5), RULES).outcome is Outcome.NO_QUORUM


def test_a_selection_vote_gives_each_candidate_one_of_the_items_options():
    with pytest.raises(InvalidInput) as error:
        check_selection(SelectionVote("S1", "C1", {"E1": "대상", "E3": "우수"}), CANDIDATES, OPTIONS)
    assert error.value.details == {"missing_candidates": ["E2"], "unknown_candidates": ["E3"],
                                   "unknown_options": ["대상"]}


@settings(max_examples=60, deadline=None)
@given(choices=st.lists(st.sampled_from(list(Choice)), min_size=0, max_size=10),
       extra_present=st.integers(min_value=0, max_value=10), abstentions_count=st.booleans(), data=st.data())
def test_a_tally_is_the_count_of_its_votes_in_any_order(choices, extra_present, abstentions_count, data):
    votes = [MotionVote("I1", IDS[i], c) for i, c in enumerate(choices)]
    q = quorum(SITTING, IDS[:min(10, len(votes) + extra_present)], (), RULES.quorum)
    county = rules(abstentions_count=abstentions_count)
    shuffled = data.draw(st.permutations(votes))
    first, second = tally_motion("I1", votes, q, county), tally_motion("I1", shuffled, q, county)
    assert first == second
    n_for, n_against = choices.count(Choice.FOR), choices.count(Choice.AGAINST)
    base = len(q.present) if abstentions_count else n_for + n_against
    if not q.met:
        assert first.outcome is Outcome.NO_QUORUM
    else:
        assert (first.outcome is Outcome.PASSED) == (2 * n_for > base)


@settings(max_examples=40, deadline=None)
@given(picks=st.lists(st.tuples(st.sampled_from(OPTIONS), st.sampled_from(OPTIONS)), min_size=6, max_size=10),
       data=st.data())
def test_a_selection_is_decided_per_candidate_by_its_votes_in_any_order(picks, data):
    votes = [selection(IDS[i], e1, e2) for i, (e1, e2) in enumerate(picks)]
    q = quorum(SITTING, IDS[:len(votes)], (), RULES.quorum)
    first = tally_selection("S1", votes, CANDIDATES, OPTIONS, q, RULES)
    assert first == tally_selection("S1", data.draw(st.permutations(votes)), CANDIDATES, OPTIONS, q, RULES)
    for index, candidate in enumerate(CANDIDATES):
        counts = {option: [pick[index] for pick in picks].count(option) for option in OPTIONS}
        majority = [option for option, n in counts.items() if 2 * n > len(votes)]
        assert first.candidates[candidate].option == (majority[0] if majority else None)
