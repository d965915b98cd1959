"""The daily job: this year's rounds created once each (asking the committee for their criteria), then moved one
phase at a time on their dates — never opened before the criteria are resolved; a rerun changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import LambdaContext, outbox, typed
from tests.integration.selection.conftest import resident


@pytest.fixture
def run(api, monkeypatch):
    from selection import cycles, job_cycles

    def on(day: date) -> dict:
        monkeypatch.setattr(cycles, "today", lambda: day)
        return job_cycles.handler({}, LambdaContext(function_name="selection-cycles"))

    return on


def test_the_job_creates_the_years_rounds_and_moves_them_on_their_dates(api, run):
    assert run(date(2025, 12, 31)) == {"created": [], "moved": {}}  # the county schedules from 2026
    assert run(date(2026, 1, 2)) == {"created": ["2026-H1", "2026-H2"], "moved": {}}
    assert run(date(2026, 1, 3)) == {"created": [], "moved": {}}
    assert run(date(2026, 4, 1))["moved"] == {}  # the criteria are not resolved: no round opens
    api.resolve("2026-H1", "criteria")
    assert run(date(2026, 4, 1))["moved"] == {"2026-H1": "NOMINATION"}
    assert run(date(2026, 4, 1))["moved"] == {}
    assert api.nominate("2026-H1", "E4", resident())[0] == 201
    assert run(date(2026, 5, 16))["moved"] == {"2026-H1": "REVIEW"}
    assert run(date(2026, 6, 1))["moved"] == {"2026-H1": "VOTING"}
    assert api.ballot("2026-H1", "H1", ["E4"])[0] == 201
    assert run(date(2026, 6, 15))["moved"] == {"2026-H1": "COMMITTEE"}
    changes = [typed(e) for e in outbox("selection") if e.detail_type == "SelectionPhaseChanged"]
    assert [(c.cycle_id, c.phase, c.by, c.by_hand) for c in changes if c.cycle_id == "2026-H1"] == [
        ("2026-H1", "PLANNED", "schedule", False), ("2026-H1", "NOMINATION", "schedule", False),
        ("2026-H1", "REVIEW", "schedule", False), ("2026-H1", "VOTING", "schedule", False),
        ("2026-H1", "COMMITTEE", "schedule", False)]
    assert api.ok("GET", "/selection/cycles/2026-H2", "O1")["phase"] == "PLANNED"


def test_a_cycle_the_job_cannot_move_waits_and_the_others_move_on(api, run):
    run(date(2026, 1, 2))
    for cycle_id in ("2026-H1", "2026-H2"):
        api.resolve(cycle_id, "criteria")
    run(date(2026, 4, 1))
    run(date(2026, 5, 16))  # H1 in review with no nomination at all
    assert run(date(2026, 6, 1))["moved"] == {}  # no candidate: H1 waits in REVIEW for the unit
    assert api.ok("GET", "/selection/cycles/2026-H1", "U1")["phase"] == "REVIEW"
    assert run(date(2026, 9, 1))["moved"] == {"2026-H2": "NOMINATION"}


def test_a_ballot_cancelled_only_by_a_concurrent_one_on_its_shard_is_tried_again(api, monkeypatch):
    from common.dynamo import Transaction, TransactionCancelled

    cycle_id = api.voting()
    original, calls = Transaction.commit, []

    def busy_once(self, failures=None):
        calls.append(1)
        if len(calls) == 1:
            raise TransactionCancelled([], ["None", "TransactionConflict"])
        return original(self, failures)

    monkeypatch.setattr(Transaction, "commit", busy_once)
    assert api.ballot(cycle_id, resident(), ["E1"])[0] == 201
    monkeypatch.setattr(Transaction, "commit", original)
    assert len(calls) == 2
    api.move(cycle_id, "COMMITTEE")
    assert api.ok("GET", f"/selection/cycles/{cycle_id}/tally", "U1")["blocs"]["residents"] == {
        "turnout": 1, "votes": {"E1": 1}}
