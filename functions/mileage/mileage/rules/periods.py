"""Periods a request names: `2026` (year), `2026-H1` (half) or `2026-11` (month). No I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from common.clock import Period
from common.errors import RuleViolation


@dataclass(frozen=True)
class Window:
    label: str
    kind: str  # month | half | year (which cap applies)
    start: date
    end: date


def parse_period(text: str) -> Window:
    """`2026` (year), `2026-H1` (half) or `2026-11` (month), of a year from 2000 to 2999."""
    text = (text or "").strip()
    match = re.fullmatch(r"(2\d{3})(?:-(H[12]|0[1-9]|1[0-2]))?", text)
    if not match:
        raise RuleViolation("기간은 2026, 2026-H1, 2026-11 형식이어야 합니다.", code="INVALID_PERIOD",
                            details={"period": text})
    year, part = int(match[1]), match[2]
    if part is None or part.startswith("H"):
        period = Period.parse(text)
        return Window(text, "half" if period.half else "year", period.start, period.end)
    month = int(part)
    start = date(year, month, 1)
    end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return Window(text, "month", start, end)
