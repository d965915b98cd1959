"""The government-wide contest file's rules: only the rounds the county marks for the contest, and the rows."""

from __future__ import annotations

import pytest

from common.errors import RuleViolation
from selection.rules import contest
from selection.rules.contest import Case
from tests.unit.selection.helpers import section


def test_only_the_rounds_marked_for_the_contest_are_exported():
    contest.require_contest_cycle("2026-H2", section())  # the demo's H2
    for cycle_id in ("2026-H1", "2026-Q9"):
        with pytest.raises(RuleViolation) as refused:
            contest.require_contest_cycle(cycle_id, section())
        assert refused.value.code == "NOT_A_CONTEST_CYCLE" and refused.value.details["contest_cycles"] == ["H2"]


def test_a_county_marking_no_round_exports_none():
    cycles = [{**c.model_dump(), "contest_export": False} for c in section().cycles]
    with pytest.raises(RuleViolation):
        contest.require_contest_cycle("2026-H2", section(cycles=cycles))


def test_rows_name_the_criterion_and_join_the_evidence():
    case = Case("우수부서", "service", "복지 상담", "300가구 발굴", ("a.pdf", "b.pdf"), "WEL", "복지과", "최우수")
    assert contest.rows("2026-H2", [case], section()) == [
        ("2026-H2", "우수부서", "공공서비스 질 향상", "복지 상담", "300가구 발굴", "a.pdf\nb.pdf", "WEL", "복지과",
         "최우수")]
    assert len(contest.HEADER) == len(contest.rows("2026-H2", [case], section())[0])
