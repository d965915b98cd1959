"""Which period each consulting case runs on (the county's `consulting.periods`, counted by `common.statutory`):
never a due date computed here."""

from __future__ import annotations

from datetime import datetime

from common.county_consulting import ConsultingSection
from common.statutory import CaseClock, ClockSection


def pre_consulting_answer(section: ConsultingSection, clock: ClockSection, *, at: datetime, by: str) -> CaseClock:
    """A pre-consulting's answer period, from filing (paused for 보완 and while the province has it)."""
    name = section.periods.pre_consulting_answer
    return CaseClock.start(name, clock.period(name), at=at, by=by, reason="사전컨설팅 접수")


def supplement(section: ConsultingSection, clock: ClockSection, *, at: datetime, by: str, reason: str) -> CaseClock:
    """The department's period to complete its request (보완), from the request for it."""
    name = section.periods.supplement
    return CaseClock.start(name, clock.period(name), at=at, by=by, reason=reason)


def opinion_request(section: ConsultingSection, clock: ClockSection, *, at: datetime, by: str) -> CaseClock:
    """An opinion request's answer period (30 calendar days in the demo), from receipt."""
    name = section.periods.opinion_request
    return CaseClock.start(name, clock.period(name), at=at, by=by, reason="의견제시 요청 접수")


def bai_quarterly_report(section: ConsultingSection, clock: ClockSection, *, quarter: str,
                         quarter_end: datetime) -> CaseClock:
    """The quarter's report to the Board of Audit and Inspection: the county's period (10 calendar days in the demo)
    from the first moment after the quarter."""
    name = section.periods.bai_quarterly_report
    return CaseClock.start(name, clock.period(name), at=quarter_end, by="system",
                           reason=f"{quarter} 면책 결정 감사원 보고")


def moved(clock: CaseClock, how: str | None, *, at: datetime, by: str, reason: str) -> CaseClock:
    """The clock after a case's move (`rules.lifecycle`): paused, resumed, stopped, or as it was."""
    if how == "pause":
        return clock.pause(at=at, by=by, reason=reason)
    if how == "resume":
        return clock.resume(at=at, by=by, reason=reason)
    if how == "stop" and clock.state != "stopped":
        return clock.stop(at=at, by=by, reason=reason)
    return clock
