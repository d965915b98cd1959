"""Caps: the periods a grant counts against, and what a grant moves on each counter. No I/O."""

from __future__ import annotations

from datetime import date
from typing import Any

from common.clock import Period

PERIODS = ("month", "half", "year")
PERIOD_LABELS_KO = {"month": "월", "half": "반기", "year": "연"}
SCOPE_LABELS_KO = {"person": "개인", "department": "부서"}

CapMove = tuple[str, str, str, str]  # scope, subject, period, counter sort key


def cap_periods(day: date) -> dict[str, str]:
    """The counters a grant made on `day` counts against: {period: sort key}."""
    return {"month": f"M{day:%Y-%m}", "half": f"H{Period.half_of(day)}", "year": f"Y{day.year}"}


def cap_moves(department: str, periods: dict[str, str], parts: dict[str, int],
              superseding: dict[str, Any]) -> dict[CapMove, int]:
    """What the grant adds to each cap counter: every part counts in today's periods, for the person and the
    department; a superseded grant (`points`, `department`, `cap_periods`) gives its points back to the periods it
    was counted in (perhaps an earlier month). One net move per counter (a transaction may touch an item once)."""
    moves: dict[CapMove, int] = {}

    def move(scope: str, subject: str, period: str, sk: str, delta: int) -> None:
        key = (scope, subject, period, sk)
        moves[key] = moves.get(key, 0) + delta

    for number, part in parts.items():
        for period, sk in periods.items():
            move("person", number, period, sk, part)
            move("department", department, period, sk, part)
        old = superseding.get(number)
        if old is not None:
            for period, sk in zip(PERIODS, old.cap_periods, strict=False):
                move("person", number, period, sk, -int(old.points))
                move("department", old.department, period, sk, -int(old.points))
    return moves
