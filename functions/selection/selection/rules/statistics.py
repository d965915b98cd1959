"""A cycle's figures for the comprehensive evaluation (종합평가) and the county's report: counts only, no names, no
resident."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from common.county_selection import SelectionSection
from selection.rules.incentives import Plan, exceptional


def figures(*, nominations: Iterable[tuple[str, str, str, str | None]], candidates: int,
            turnout: Mapping[str, int] | None, awardees: Iterable[tuple[str, Plan | None, str | None]],
            section: SelectionSection) -> dict[str, Any]:
    """`nominations`: (employee no, channel, kind, set aside); `awardees`: (tier, plan or None, plan status)."""
    listed = list(nominations)
    awarded = list(awardees)
    plans = [p for _, p, _ in awarded if p is not None]
    officials = [p for p in plans if p.personnel_eligible]
    return {
        "nominations": {"total": len(listed), "nominees": len({n for n, _, _, _ in listed}),
                        "by_channel": dict(Counter(c for _, c, _, _ in listed)),
                        "by_kind": dict(Counter(k for _, _, k, _ in listed)),
                        "set_aside": sum(1 for *_, s in listed if s)},
        "candidates": candidates,
        "turnout": dict(turnout) if turnout is not None else None,
        "awardees": {"total": len(awarded), "by_tier": dict(Counter(t for t, _, _ in awarded)),
                     "planned": len(plans), "personnel_eligible": len(officials),
                     "exceptional": sum(exceptional(p, section) for p in officials),
                     "by_plan_status": dict(Counter(s or "NONE" for _, _, s in awarded))},
    }
