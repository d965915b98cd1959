"""Events of `jeokgeuk.complaints` (the passive-administration reporting centre). Never anything about the reporter:
no name, contact, resident id or receipt number — only the case, the official concerned and the decision."""

from datetime import date
from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import BaseModel

from common.events import Event


class PassiveType(StrEnum):
    """The county's classification of passive administration (소극행정 유형)."""

    EXPEDIENCY = "expediency"  # 적당편의
    NEGLECT = "neglect"  # 업무해태 (복지부동)
    DESK_BOUND = "desk_bound"  # 탁상행정
    AGENCY_CENTRED = "agency_centred"  # 관중심행정
    OTHER = "other"  # 기타


class Measure(StrEnum):
    """What the audit office decided for an official (조치)."""

    NONE = "none"  # 조치 없음
    CAUTION = "caution"  # 주의
    WARNING = "warning"  # 경고
    DISCIPLINE = "discipline"  # 징계 요구
    CORRECTIVE = "corrective"  # 시정 처리


class _ComplaintsEvent(Event):
    area: ClassVar[str] = "complaints"


class PassiveAdministrationConfirmed(_ComplaintsEvent):
    """The audit office confirmed passive administration by an official and decided the measure: one event per
    official held liable (the acting official, and a supervisor where supervisor liability applies). Selection excludes
    the official until `bars_until`; mileage drafts a deduction for the office mapped to `mileage.deductions`."""

    case_id: str
    employee_no: str
    department: str
    passive_type: PassiveType
    measure: Measure
    liability: Literal["actor", "supervisor"]
    confirmed_on: date
    bars_until: date | None  # the last day its consequences bar awards and nominations (county file), or null


class ComplaintsDeadlineApproaching(_ComplaintsEvent):
    """The daily job: a case's statutory period (intake acknowledgement or answer) reaches one of its reminders.
    Never the reporter: the case, its status and who acts."""

    case_id: str
    period: str  # the county file's clock.periods name
    due_at: str  # ISO 8601, +09:00
    status: str
    investigator: str | None  # employee number of the assigned investigator, if any
    department: str | None = None  # a rerouted petition: the competent department, whose head answers it
    offices: list[str]  # the roles that act (the offices mapped to complaints.intake / complaints.investigation)


class ComplaintsDeadlineMissed(ComplaintsDeadlineApproaching):
    """The daily job: a case's period passed with its clock still running."""


class OverdueShare(BaseModel):
    """One open case the monthly status check lists: past half its running period, or its period paused (a field
    investigation), or without a period (anonymous, audit-initiated)."""

    case_id: str
    status: str
    period: str | None  # none: no period runs for the case
    due_at: str | None  # ISO 8601, +09:00 (paused: as if the pause ended now, or at its limit once past it)
    elapsed: float | None  # share of the period gone, 0.5 … (above 1: overdue); none without a period
    clock_state: Literal["running", "paused", "none"] = "running"  # events before paused cases were listed: running
    paused_until: str | None = None  # a paused case: when its field investigation's limit ends the pause
    open_since: str | None = None  # when the case was received (created)


class DepartmentStatus(BaseModel):
    department: str  # the competent department of a rerouted petition, else the reported official's ("unknown")
    cases: list[OverdueShare]


class ComplaintsStatusChecked(_ComplaintsEvent):
    """The monthly status check (the 1st, 09:00 KST): every open case whose statutory period is more than half gone,
    paused, or not running at all (no period), per department, for the audit head. Once per month (a rerun publishes
    nothing). Never the reporter."""

    month: str  # YYYY-MM
    as_of: str  # ISO 8601, +09:00
    open_cases: int  # every case not closed (before paused and clock-less cases were listed: running clocks only)
    departments: list[DepartmentStatus]
    offices: list[str]  # the roles told: `audit_head`
    reveal_log_head: str | None = None  # the reveal log's newest digest: anchored outside the table each month
    reveal_log_entries: int = 0
