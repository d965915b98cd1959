"""The monthly status check (brief §4: the audit head reviews, once a month, which open cases are past half their
period): which running clocks are more than half gone, grouped by department. Pure: the clock's start and due time
in, shares out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

HALF = 0.5


@dataclass(frozen=True)
class OpenCase:
    case_id: str
    status: str
    period: str
    department: str | None
    started_at: datetime
    due_at: datetime


def elapsed(started_at: datetime, due_at: datetime, now: datetime) -> float:
    """The share of the period gone at `now` (wall-clock between its start and its due time, which already counts
    pauses and extensions); above 1 once overdue."""
    length = (due_at - started_at).total_seconds()
    return round((now - started_at).total_seconds() / length, 3) if length > 0 else 1.0


def past_half(cases: list[OpenCase], now: datetime) -> dict[str, list[tuple[OpenCase, float]]]:
    """Department → its cases more than half gone (most gone first); departments sorted, `unknown` where no
    department is known."""
    found: dict[str, list[tuple[OpenCase, float]]] = defaultdict(list)
    for case in cases:
        share = elapsed(case.started_at, case.due_at, now)
        if share > HALF:
            found[case.department or "unknown"].append((case, share))
    return {department: sorted(found[department], key=lambda pair: -pair[1]) for department in sorted(found)}
