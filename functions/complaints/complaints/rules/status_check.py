"""The monthly status check (brief §4: the audit head reviews, once a month, the open cases): which running clocks
are more than half gone, and every case whose clock is paused (a field investigation: its share as if the pause
ended now, or at its limit once that passed, when the days count again) or that has no clock at all (anonymous,
audit-initiated: no period runs, so only this review keeps it from being forgotten), grouped by department. Pure: the
clock's start and due time in, shares out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

HALF = 0.5
RUNNING, PAUSED, NONE = "running", "paused", "none"


@dataclass(frozen=True)
class OpenCase:
    case_id: str
    status: str
    period: str | None  # None: no clock (and no start or due time)
    department: str | None
    started_at: datetime | None
    due_at: datetime | None  # paused: as if the pause ended now (or at its limit, once past)
    state: str = RUNNING  # running | paused | stopped (answered, not yet closed: not listed) | none (no clock)
    opened_at: datetime | None = None
    paused_until: datetime | None = None


def elapsed(started_at: datetime, due_at: datetime, now: datetime) -> float:
    """The share of the period gone at `now` (wall-clock between its start and its due time, which already counts
    pauses and extensions); above 1 once overdue."""
    length = (due_at - started_at).total_seconds()
    return round((now - started_at).total_seconds() / length, 3) if length > 0 else 1.0


def share(case: OpenCase, now: datetime) -> float | None:
    if case.started_at is None or case.due_at is None:
        return None
    return elapsed(case.started_at, case.due_at, now)


def listed(case: OpenCase, now: datetime) -> bool:
    """A running clock more than half gone; every paused case; every case without a clock (a stopped clock: the
    case was answered, only its close is awaited)."""
    if case.state in (PAUSED, NONE):
        return True
    if case.state != RUNNING:
        return False
    gone = share(case, now)
    return gone is not None and gone > HALF


def past_half(cases: list[OpenCase], now: datetime) -> dict[str, list[tuple[OpenCase, float | None]]]:
    """Department → its listed cases (most gone first, then those without a period, oldest first); departments
    sorted, `unknown` where no department is known."""
    found: dict[str, list[tuple[OpenCase, float | None]]] = defaultdict(list)
    for case in cases:
        if listed(case, now):
            found[case.department or "unknown"].append((case, share(case, now)))

    def order(pair: tuple[OpenCase, float | None]) -> tuple[int, float, str]:
        case, gone = pair
        return (0, -gone, "") if gone is not None else (1, 0.0, case.opened_at.isoformat() if case.opened_at else "")

    return {department: sorted(found[department], key=order) for department in sorted(found)}
