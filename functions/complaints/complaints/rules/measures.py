"""Measures per official (조치) and their consequences: a caution or warning bars awards and overseas-training
nominations for the county's months (and adjusts the rating and bonus grade); discipline adds a promotion bar.
`bars_until` is the last day of the bar (the day before the same day `months` later); none where the county sets 0."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from common.county_complaints import Consequences
from common.errors import RuleViolation
from contracts.complaints import Measure

# what each measure entails beyond its bar (recorded with the measure; HR and selection act on them)
CONSEQUENCES: dict[Measure, tuple[str, ...]] = {
    Measure.NONE: (),
    Measure.CORRECTIVE: (),
    Measure.CAUTION: ("award_bar", "overseas_training_bar", "rating_adjusted", "bonus_grade_adjusted"),
    Measure.WARNING: ("award_bar", "overseas_training_bar", "rating_adjusted", "bonus_grade_adjusted"),
    Measure.DISCIPLINE: ("award_bar", "overseas_training_bar", "rating_adjusted", "bonus_grade_adjusted",
                         "promotion_bar"),
}


def bars_until(measure: Measure, confirmed_on: date, consequences: Consequences) -> date | None:
    months = consequences.months(measure.value)
    if months == 0:
        return None
    year, month = divmod(confirmed_on.month - 1 + months, 12)
    year, month = confirmed_on.year + year, month + 1
    day = min(confirmed_on.day, monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def check_measures(officials: list[tuple[str, str, str]]) -> None:
    """(employee_no, measure, liability) rows: one row per official, a supervisor only beside an acting official."""
    seen = [no for no, _, _ in officials]
    if len(set(seen)) != len(seen):
        raise RuleViolation("한 공무원에게 조치는 하나입니다.", code="DUPLICATE_OFFICIAL")
    liable = [(m, li) for _, m, li in officials if m != Measure.NONE.value]
    if any(li == "supervisor" for _, li in liable) and not any(li == "actor" for _, li in liable):
        raise RuleViolation("감독자 책임은 행위자에 대한 조치와 함께 정합니다.", code="SUPERVISOR_WITHOUT_ACTOR")
