"""Statistics for a period (a year, a half or a month): counts by type, department and measure, processing time and
overdue rate, small counts suppressed (`rules.statistics`); JSON, CSV (UTF-8 with BOM) or XLSX. The office mapped to
`complaints.intake` reads them. One Query of the case index over the period, no Scan."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from typing import Any

from common.clock import KST, now
from common.errors import InvalidInput
from common.identity import Caller
from common.offices import Duty
from complaints import clocks
from complaints.rules.offices import require, rules
from complaints.rules.statistics import CaseFacts, rows, summarise
from complaints.storage import cases as stored


def bounds(period: str) -> tuple[date, date]:
    """`2026`, `2026-H1`/`2026-H2` or `2026-11` → [first day, day after the last)."""
    try:
        if len(period) == 4:
            year = int(period)
            return date(year, 1, 1), date(year + 1, 1, 1)
        year, part = int(period[:4]), period[5:]
        if part in ("H1", "H2"):
            return (date(year, 1, 1), date(year, 7, 1)) if part == "H1" else (date(year, 7, 1), date(year + 1, 1, 1))
        month = int(part)
        return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)
    except (ValueError, IndexError):
        raise InvalidInput("기간은 2026, 2026-H1 또는 2026-11 처럼 적어 주세요.", code="INVALID_PERIOD") from None


def statistics(who: Caller, period: str) -> dict[str, Any]:
    require(who, Duty.COMPLAINTS_INTAKE)
    start, end = bounds(period)
    first, after = (datetime.combine(d, time(), KST).isoformat() for d in (start, end))
    facts = [_facts(case) for case in stored.created_between(first, after, only=FACT_ATTRIBUTES)]
    return summarise(facts, rules().statistics_min_count)


FACT_ATTRIBUTES = ("classification", "decided_at", "answer", "received_at", "clock", "department", "measures")


def _facts(case: Any) -> CaseFacts:
    """What the statistics count of a case (read with `FACT_ATTRIBUTES` only: the text of a case is not needed)."""
    classification = case.classification or {}
    finished = case.decided_at or (case.answer or {}).get("at")
    days = None
    if finished and case.received_at:
        days = (datetime.fromisoformat(finished) - datetime.fromisoformat(case.received_at)).total_seconds() / 86400
    clock = clocks.read(case)
    overdue = None
    if clock is not None:
        overdue = clock.overdue_by(clocks.office().statutory, now=now()).total_seconds() > 0
    return CaseFacts(passive_type=classification.get("type"), department=case.department,
                     measures=tuple(m["measure"] for m in case.measures or []), days=days, overdue=overdue)


def to_csv(summary: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows(summary))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(summary: dict[str, Any], period: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = f"소극행정 신고 {period}"[:31]
    for row in rows(summary):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
