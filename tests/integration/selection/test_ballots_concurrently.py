"""Ballots at the same moment: one voter's concurrent ballots count once; different voters' all count, exactly —
the voter's marker is a conditional put and the counters are updated in its transaction (issue #15, must hold). The
logic is called from threads (a Lambda handles one request at a time; the app's current event is per process)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from common.errors import Conflict
from common.identity import caller_from_claims
from selection import voting as vote
from tests.builders import bind_resident_pool
from tests.integration.selection.conftest import resident


@pytest.fixture
def voting(api, one_request_at_a_time):
    return api, api.voting()


def cast(cycle_id: str, who: dict, choices: list[str]) -> str:
    claims = bind_resident_pool(who)
    try:
        vote.cast(caller_from_claims(claims), cycle_id, choices, resident=True, claims=claims)
        return "CAST"
    except Conflict as error:
        return error.code


def tally(api, cycle_id: str) -> dict:
    api.move(cycle_id, "COMMITTEE")
    return api.ok("GET", f"/selection/cycles/{cycle_id}/tally", "U1")["blocs"]


def test_one_voters_concurrent_ballots_count_once(voting):
    api, cycle_id = voting
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: cast(cycle_id, resident("same"), ["E1", "E4"]), range(8)))
    assert sorted(answers) == ["ALREADY_VOTED"] * 7 + ["CAST"]
    assert tally(api, cycle_id)["residents"] == {"turnout": 1, "votes": {"E1": 1, "E4": 1}}


def test_different_voters_concurrent_ballots_all_count_exactly(voting):
    api, cycle_id = voting
    voters = [resident(f"r{n}") for n in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda n: cast(cycle_id, voters[n], ["E1"] if n % 2 else ["E3", "E4"]), range(40)))
    assert answers == ["CAST"] * 40
    assert tally(api, cycle_id)["residents"] == {"turnout": 40, "votes": {"E1": 20, "E3": 20, "E4": 20}}
    assert api.ok("GET", f"/selection/cycles/{cycle_id}/tally/audit", "A1")["matches"] is True
