"""Events of `jeokgeuk.complaints` (the passive-administration reporting centre). Never anything about the reporter:
no name, contact, resident id or receipt number — only the case, the official concerned and the decision."""

from __future__ import annotations

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
    """One open case past half its period (the monthly status check)."""

    case_id: str
    status: str
    period: str
    due_at: str  # ISO 8601, +09:00
    elapsed: float  # share of the period gone, 0.5 … (above 1: overdue)


class DepartmentStatus(BaseModel):
    department: str  # the competent department of a rerouted petition, else the reported official's ("unknown")
    cases: list[OverdueShare]


class ComplaintsStatusChecked(_ComplaintsEvent):
    """The monthly status check (the 1st, 09:00 KST): every open case whose statutory period is more than half gone,
    per department, for the audit head. Once per month (a rerun publishes nothing). Never the reporter."""

    month: str  # YYYY-MM
    as_of: str  # ISO 8601, +09:00
    open_cases: int  # cases with a running clock looked at
    departments: list[DepartmentStatus]
    offices: list[str]  # the roles told: `audit_head`
    reveal_log_head: str | None = None  # the reveal log's newest digest: anchored outside the table each month
    reveal_log_entries: int = 0
