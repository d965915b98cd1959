"""Statistics per period: counts by type, department and measure, processing time and overdue rate. A count below
the county's `statistics_min_count` is suppressed (shown as null with `suppressed: true`), so no department ranking
rests on a handful of cases; a share computed from a suppressed count is suppressed with it, and where the counts add
up to the published total, enough others with them that no suppressed count is the total minus the rest."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CaseFacts:
    """What the statistics read of one case (never the reporter or the officials' numbers)."""

    passive_type: str | None  # None: not (yet) classified; "not_passive" for a rerouted petition
    department: str | None
    measures: tuple[str, ...]
    days: float | None  # from receipt to decision or answer (None: still open)
    overdue: bool | None  # None: no statutory clock (anonymous or audit-initiated)


def _count(counter: Counter[str], minimum: int, *, partition: bool = False) -> list[dict[str, Any]]:
    """Each key's count, those below `minimum` suppressed. `partition`: the counts add up to the published total (each
    case in one row), so one suppressed count would be the total minus the others: the smallest shown counts are
    suppressed too until the suppressed ones together reach `minimum` (complementary suppression)."""
    hidden = {key for key, n in counter.items() if n < minimum}
    if partition and hidden:
        for key in sorted(counter, key=lambda k: (counter[k], k)):
            if sum(counter[k] for k in hidden) >= minimum:
                break
            hidden.add(key)
    return [{"key": key, "count": None if key in hidden else n, "suppressed": key in hidden}
            for key, n in sorted(counter.items())]


def summarise(cases: list[CaseFacts], minimum: int) -> dict[str, Any]:
    by_type = Counter(c.passive_type or "unclassified" for c in cases)
    by_department = Counter(c.department or "unknown" for c in cases)
    by_measure = Counter(m for c in cases for m in c.measures)
    finished = [c.days for c in cases if c.days is not None]
    clocked = [c.overdue for c in cases if c.overdue is not None]
    overdue = sum(1 for o in clocked if o)
    return {
        "total": len(cases) if len(cases) >= minimum else None,
        "by_type": _count(by_type, minimum, partition=True),
        "by_department": _count(by_department, minimum, partition=True),
        "by_measure": _count(by_measure, minimum),
        "processing_days": {"count": len(finished) if len(finished) >= minimum else None,
                            "average": round(sum(finished) / len(finished), 1)
                            if finished and len(finished) >= minimum else None},
        "overdue": {"clocked": len(clocked) if len(clocked) >= minimum else None,
                    "rate": round(overdue / len(clocked), 3) if clocked and len(clocked) >= minimum else None},
        "min_count": minimum,
    }


def _shown(value: Any) -> Any:
    return "-" if value is None else value


def rows(summary: dict[str, Any]) -> list[list[Any]]:
    """One table for CSV and XLSX: 구분, 항목, 건수 (가림: '-')."""
    out: list[list[Any]] = [["구분", "항목", "건수"]]
    out.append(["전체", "", _shown(summary["total"])])
    for label, key in (("유형", "by_type"), ("부서", "by_department"), ("조치", "by_measure")):
        out += [[label, row["key"], _shown(row["count"])] for row in summary[key]]
    out.append(["처리기간", "평균 일수", _shown(summary["processing_days"]["average"])])
    out.append(["기한 초과", "비율", _shown(summary["overdue"]["rate"])])
    return out
