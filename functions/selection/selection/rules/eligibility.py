"""Who may be nominated and selected, and who is excluded (예비심사 제외대상), each exclusion with its reason.

An exclusion is a record with a kind, the day it was decided and the last day it bars: from another area's event
(a confirmed passive-administration case, with its caution or warning) or entered by the dedicated unit with a reason
(a discipline HR keeps, anything else). Awardees of the previous cycle are excluded where the county says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from common.county_selection import SelectionSection
from selection.rules.phases import cycle_id, parse_cycle_id


class ExclusionKind(StrEnum):
    PASSIVE_ADMINISTRATION = "passive_administration"  # 소극행정 확정
    CAUTION_WARNING = "caution_warning"  # 주의·경고
    DISCIPLINE = "discipline"  # 징계
    PREVIOUS_AWARD = "previous_award"  # 직전 회차 수상
    FRIENDLINESS_ONLY = "friendliness_only"  # 단순 친절 추천
    MANUAL = "manual"  # 전담부서가 사유를 적어 제외


@dataclass(frozen=True)
class Nominee:
    employee_no: str
    department: str | None
    employment_type: str | None  # None: the directory has not told us of them
    active: bool = True


@dataclass(frozen=True)
class Exclusion:
    employee_no: str
    kind: ExclusionKind
    reason: str
    until: date | None  # the last day it bars (None: this cycle only, e.g. by hand)
    source: str  # `event:<id>`, `unit:<no>`, `cycle:<id>`


def ineligible(nominee: Nominee, section: SelectionSection) -> tuple[str, str] | None:
    """Why this person cannot be nominated at all (code, Korean reason), or None."""
    if nominee.employment_type is None:
        return "UNKNOWN_EMPLOYEE", "직원 명부에 없는 사람입니다."
    if not nominee.active:
        return "NOT_ACTIVE", "재직 중인 직원이 아닙니다."
    if nominee.employment_type not in section.eligible_employment_types:
        return "NOT_ELIGIBLE", f"선발 대상 고용 형태가 아닙니다 ({nominee.employment_type})."
    return None


def receives_personnel_incentives(employment_type: str | None, section: SelectionSection) -> bool:
    """§14's personnel incentives are for 공무원 only: 공무직 and contract staff get the citation and the prize."""
    return employment_type in section.personnel_incentive_types


def from_passive_case(employee_no: str, *, measure: str, confirmed_on: date, bars_until: date | None,
                      section: SelectionSection, source: str) -> list[Exclusion]:
    """The exclusions a confirmed passive-administration case brings: the case itself until its `bars_until` (the
    complaints area's consequence), and its caution/warning or discipline for the county's own periods."""
    rules = section.exclusions
    found = []
    if rules.passive_administration and bars_until is not None and bars_until >= confirmed_on:
        found.append(Exclusion(employee_no, ExclusionKind.PASSIVE_ADMINISTRATION,
                               f"소극행정 확정 ({confirmed_on.isoformat()})", bars_until, source))
    if measure in ("caution", "warning") and rules.caution_warning_days:
        found.append(Exclusion(employee_no, ExclusionKind.CAUTION_WARNING, f"주의·경고 ({confirmed_on.isoformat()})",
                               confirmed_on + timedelta(days=rules.caution_warning_days), source))
    if measure == "discipline" and rules.discipline_days:
        found.append(Exclusion(employee_no, ExclusionKind.DISCIPLINE, f"징계 요구 ({confirmed_on.isoformat()})",
                               confirmed_on + timedelta(days=rules.discipline_days), source))
    return found


def discipline(employee_no: str, *, on: date, reason: str, section: SelectionSection, source: str) -> Exclusion:
    """A discipline HR keeps, entered by the unit: bars for the county's period from its day."""
    until = on + timedelta(days=section.exclusions.discipline_days)
    return Exclusion(employee_no, ExclusionKind.DISCIPLINE, reason, until, source)


def barring(exclusions: list[Exclusion], on: date) -> list[Exclusion]:
    """The exclusions still barring on `on` (one with no end bars the cycle it was entered in)."""
    return [e for e in exclusions if e.until is None or e.until >= on]


def previous_cycle(current: str, section: SelectionSection) -> str:
    """The cycle before `current` in the county's schedule (the last round of the year before, for the first)."""
    year, code = parse_cycle_id(current)
    codes = [c.code for c in section.cycles]
    at = codes.index(code) if code in codes else 0
    return cycle_id(year, codes[at - 1]) if at > 0 else cycle_id(year - 1, codes[-1])
