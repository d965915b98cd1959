"""A cycle's phases: one step forward, opened only after the committee resolved the criteria, moved on its dates."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import Conflict, RuleViolation
from selection.rules.phases import Dates, Phase, check_move, due_move, next_phase, parse_cycle_id
from tests.unit.selection.helpers import section

DATES = Dates.of(section().cycle("H1"), 2026)  # nomination 04-01..05-15, vote 06-01..06-14


def test_the_phases_go_one_step_forward_to_closed():
    phase, seen = Phase.PLANNED, []
    while phase != Phase.CLOSED:
        phase = next_phase(phase)
        seen.append(phase.value)
    assert seen == ["NOMINATION", "REVIEW", "VOTING", "COMMITTEE", "INCENTIVES", "CLOSED"]
    with pytest.raises(Conflict):
        next_phase(Phase.CLOSED)


def test_a_cycle_cannot_open_before_the_committee_resolved_its_criteria():
    with pytest.raises(RuleViolation, match="§13②"):
        check_move(Phase.PLANNED, Phase.NOMINATION, criteria_resolved=False, by_hand=True)
    check_move(Phase.PLANNED, Phase.NOMINATION, criteria_resolved=True, by_hand=True)


def test_no_phase_is_skipped_and_the_awardees_come_from_the_committee_only():
    with pytest.raises(Conflict, match="한 단계씩"):
        check_move(Phase.NOMINATION, Phase.VOTING, criteria_resolved=True, by_hand=True)
    with pytest.raises(RuleViolation) as refused:
        check_move(Phase.COMMITTEE, Phase.INCENTIVES, criteria_resolved=True, by_hand=True)
    assert refused.value.code == "AWAITING_COMMITTEE"
    check_move(Phase.COMMITTEE, Phase.INCENTIVES, criteria_resolved=True, by_hand=False)


@pytest.mark.parametrize("phase, day, resolved, expected", [
    (Phase.PLANNED, date(2026, 4, 1), True, Phase.NOMINATION),
    (Phase.PLANNED, date(2026, 4, 1), False, None),        # criteria not resolved: stays, however late
    (Phase.PLANNED, date(2026, 3, 31), True, None),
    (Phase.NOMINATION, date(2026, 5, 15), True, None),     # the last day still nominates
    (Phase.NOMINATION, date(2026, 5, 16), True, Phase.REVIEW),
    (Phase.REVIEW, date(2026, 5, 31), True, None),
    (Phase.REVIEW, date(2026, 6, 1), True, Phase.VOTING),
    (Phase.VOTING, date(2026, 6, 14), True, None),
    (Phase.VOTING, date(2026, 6, 15), True, Phase.COMMITTEE),
    (Phase.COMMITTEE, date(2026, 12, 31), True, None),     # waits for the committee
])
def test_the_dates_move_a_cycle_one_step(phase, day, resolved, expected):
    assert due_move(phase, DATES, day, criteria_resolved=resolved) == expected


def test_cycle_ids_name_the_year_and_round():
    assert parse_cycle_id("2026-H2") == (2026, "H2")
    with pytest.raises(RuleViolation):
        parse_cycle_id("H2")
