"""The weighted vote: ballots, each bloc normalised by its turnout and combined by the weights, the shortlist with its
ties, and the recount from the ballots equal to the counters' sum."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import InvalidInput, RuleViolation
from selection.rules.tally import BlocCounts, check_ballot, count_ballots, scores, shortlist, sum_shards

CANDIDATES = {"E1": "FIN", "E2": "WEL", "E3": "CON", "E4": "FIN"}
WEIGHTS = {"dept_heads": 50, "residents": 50}


def test_a_ballot_holds_one_to_max_distinct_candidates():
    assert check_ballot(["E1", "E2"], CANDIDATES, max_choices=3) == ["E1", "E2"]
    for bad, code in ((["E1", "E1"], "INVALID_BALLOT"), ([], "INVALID_BALLOT"),
                      (["E1", "E2", "E3", "E4"], "TOO_MANY_CHOICES"), (["X9"], "NOT_A_CANDIDATE")):
        with pytest.raises(InvalidInput) as refused:
            check_ballot(bad, CANDIDATES, max_choices=3)
        assert refused.value.code == code


def test_a_head_may_not_vote_for_their_own_department_where_the_county_forbids_it():
    with pytest.raises(RuleViolation):
        check_ballot(["E2", "E4"], CANDIDATES, max_choices=3, voter_department="FIN", own_department_allowed=False)
    assert check_ballot(["E2", "E4"], CANDIDATES, max_choices=3, voter_department="FIN", own_department_allowed=True)


def test_each_bloc_is_normalised_by_its_turnout_and_weighted():
    blocs = {"dept_heads": BlocCounts(10, {"E1": 10, "E2": 5}),            # 10 heads: E1 all, E2 half
             "residents": BlocCounts(10_000, {"E2": 10_000, "E3": 2_500})}  # 10,000 residents: E2 all, E3 a quarter
    got = scores(blocs, WEIGHTS, CANDIDATES)
    assert got == {"E1": Fraction(1, 2), "E2": Fraction(3, 4), "E3": Fraction(1, 8), "E4": 0}


def test_a_bloc_nobody_voted_in_contributes_nothing():
    assert scores({"dept_heads": BlocCounts(4, {"E1": 2})}, WEIGHTS, ["E1"]) == {"E1": Fraction(1, 4)}


def test_the_shortlist_is_twice_the_planned_number_with_ties_at_the_cut_and_no_voteless_candidate():
    scored = {"E1": Fraction(3), "E2": Fraction(2), "E3": Fraction(2), "E4": Fraction(1), "E5": Fraction(0)}
    ranked = shortlist(scored, planned=1, multiplier=2)
    assert [(r.employee_no, r.rank, r.shortlisted) for r in ranked] == [
        ("E1", 1, True), ("E2", 2, True), ("E3", 2, True), ("E4", 4, False), ("E5", 5, False)]
    assert [r.shortlisted for r in shortlist(scored, planned=5, multiplier=2)] == [True] * 4 + [False]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["dept_heads", "residents"]),
                          st.lists(st.sampled_from(list(CANDIDATES)), min_size=1, max_size=3, unique=True)),
                max_size=60), st.integers(min_value=1, max_value=5))
def test_the_counters_summed_over_shards_equal_the_recount_from_the_ballots(ballots, shards):
    by_shard: dict[tuple[str, int], BlocCounts] = {}
    for n, (bloc, choices) in enumerate(ballots):  # each ballot lands on one shard, counted there
        key = (bloc, n % shards)
        by_shard[key] = by_shard.get(key, BlocCounts()).plus(BlocCounts(1, dict.fromkeys(choices, 1)))
    summed = sum_shards((bloc, counts) for (bloc, _), counts in by_shard.items())
    assert summed == count_ballots(ballots)
    assert scores(summed, WEIGHTS, CANDIDATES) == scores(count_ballots(ballots), WEIGHTS, CANDIDATES)
