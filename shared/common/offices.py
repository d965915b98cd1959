"""The county's offices and who does what: the statutory offices as roles, and each duty mapped to an office.

The decree (지방공무원 적극행정 운영규정 §6) makes a county keep a dedicated unit (적극행정 전담부서) and an AA officer
(책임관), and since 2025 a protection officer (보호관); the audit head (감사기구의 장) decides self-audit exemptions;
the committee has a chair and a secretary (간사). Each office is a role the administrator's roster import gives, and
one person may hold several (seed 004: 기획조정실장 is three of them).

Which office does a duty differs between counties — mileage grants are approved by the audit office
(감사담당관) in Jung-gu and by 기획조정실's team in Goseong — so the county file maps duties to offices
(`offices.duties`); a duty it does not name goes to its default here. A duty whose office nobody holds is reported
(`unheld_warnings`), never silently left without anyone to act.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from common.identity import ROLE_LABELS_KO, Role, role_labels

# roles that are offices (given by the roster's 역할 column or PUT roles), as opposed to staff, heads and residents
OFFICES: tuple[Role, ...] = (
    Role.AA_UNIT, Role.AA_OFFICER, Role.PROTECTION_OFFICER, Role.AUDIT_HEAD, Role.AUDIT, Role.HR, Role.PANEL,
    Role.COMMITTEE_CHAIR, Role.COMMITTEE_SECRETARY,
)
# offices the decree makes every county fill (P1 §6①②; §11 for the chair): unheld, they are warned about
STATUTORY_OFFICES: tuple[Role, ...] = (Role.AA_UNIT, Role.AA_OFFICER, Role.PROTECTION_OFFICER, Role.AUDIT_HEAD)
# offices one person holds (a second holder is reported: an acting arrangement should replace, not add)
SINGLE_HOLDER_OFFICES: frozenset[Role] = frozenset(
    {Role.AA_OFFICER, Role.PROTECTION_OFFICER, Role.AUDIT_HEAD, Role.COMMITTEE_CHAIR})


class Duty(StrEnum):
    MILEAGE_APPROVER = "mileage.approver"
    MILEAGE_PANEL = "mileage.panel"
    MILEAGE_REDEMPTIONS = "mileage.redemptions"
    MILEAGE_DEDUCTIONS = "mileage.deductions"
    COMMITTEE_SECRETARIAT = "committee.secretariat"
    COMPLAINTS_INTAKE = "complaints.intake"
    COMPLAINTS_INVESTIGATION = "complaints.investigation"
    COMPLAINTS_REVEAL = "complaints.reveal"
    COMPLAINTS_REVEAL_WHISTLEBLOWER = "complaints.reveal_whistleblower"
    CONSULTING_SCREENING = "consulting.screening"
    CONSULTING_ESCALATION = "consulting.escalation"
    CONSULTING_OPINION_SCREENING = "consulting.opinion_screening"
    CONSULTING_PROTECTION = "consulting.protection"
    CONSULTING_EXEMPTION = "consulting.exemption"
    CONSULTING_LITIGATION = "consulting.litigation"
    SELECTION_UNIT = "selection.unit"
    SELECTION_HR = "selection.hr"


DUTY_LABELS_KO: dict[Duty, str] = {
    Duty.MILEAGE_APPROVER: "마일리지 부여 승인·반려·취소, 전 부서 조회",
    Duty.MILEAGE_PANEL: "마일리지 평가단 검토 (승인 부서 직원에 대한 부여 승인)",
    Duty.MILEAGE_REDEMPTIONS: "휴가·포상금 교환 집행 (확정·거절)",
    Duty.MILEAGE_DEDUCTIONS: "소극행정 감점 확정",
    Duty.COMMITTEE_SECRETARIAT: "적극행정위원회 간사 업무 (안건 등록, 회의 구성·안건 배정, 출석, 서면 표결 기록, 의결)",
    Duty.COMPLAINTS_INTAKE: "소극행정 신고 접수·분류·이송·조치 결정·종결",
    Duty.COMPLAINTS_INVESTIGATION: "소극행정 신고 조사 (조사 담당자)",
    Duty.COMPLAINTS_REVEAL: "소극행정 신고자 신원 열람 (사유 기록)",
    Duty.COMPLAINTS_REVEAL_WHISTLEBLOWER: "공익신고 성격의 소극행정 신고자 신원 열람 (사유 기록)",
    Duty.CONSULTING_SCREENING: "사전컨설팅 접수·검토 (반려, 보완 요청, 현장 확인, 의견 회신), 전 부서 조회",
    Duty.CONSULTING_ESCALATION: "사전컨설팅 위원회 자문 요청, 도 감사기구 이관 (단체장 명의)",
    Duty.CONSULTING_OPINION_SCREENING: "적극행정위원회 의견제시 요청 심사 (중요성·긴급성)",
    Duty.CONSULTING_PROTECTION: "적극행정 보호관 상담 기록",
    Duty.CONSULTING_EXEMPTION: "면책 신청 결정",
    Duty.CONSULTING_LITIGATION: "소송 등 지원 접수(퇴직자 대리 접수), 무죄 확정 기록, 지원금 지급",
    Duty.SELECTION_UNIT: "우수공무원 선발 회차·예비심사·제외·인센티브 계획과 부여 확인",
    Duty.SELECTION_HR: "우수공무원 인사상 인센티브 부여 (인사부서)",
}

DUTY_DEFAULTS: dict[Duty, tuple[Role, ...]] = {
    Duty.MILEAGE_APPROVER: (Role.AUDIT,),
    Duty.MILEAGE_PANEL: (Role.PANEL,),
    Duty.MILEAGE_REDEMPTIONS: (Role.HR,),
    Duty.MILEAGE_DEDUCTIONS: (Role.AUDIT,),
    Duty.COMMITTEE_SECRETARIAT: (Role.COMMITTEE_SECRETARY,),
    Duty.COMPLAINTS_INTAKE: (Role.AUDIT,),
    Duty.COMPLAINTS_INVESTIGATION: (Role.AUDIT,),
    Duty.COMPLAINTS_REVEAL: (Role.AUDIT,),
    Duty.COMPLAINTS_REVEAL_WHISTLEBLOWER: (Role.AUDIT_HEAD,),
    Duty.CONSULTING_SCREENING: (Role.AUDIT,),
    Duty.CONSULTING_ESCALATION: (Role.AUDIT_HEAD,),
    Duty.CONSULTING_OPINION_SCREENING: (Role.AA_OFFICER,),
    Duty.CONSULTING_PROTECTION: (Role.PROTECTION_OFFICER,),
    Duty.CONSULTING_EXEMPTION: (Role.AUDIT_HEAD,),
    Duty.CONSULTING_LITIGATION: (Role.AA_UNIT,),
    Duty.SELECTION_UNIT: (Role.AA_UNIT,),
    Duty.SELECTION_HR: (Role.HR,),
}


class OfficesSection(BaseModel):
    """County file `offices`: which office does each duty here (`mileage.approver: aa_unit`, or a list)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use (cold starts)

    duties: dict[Duty, list[Role]] = Field(
        default={}, description="업무 → 담당 직위(역할). 적지 않은 업무는 기본값 (mileage.approver: audit 등)")

    @field_validator("duties", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        if isinstance(value, dict):
            return {duty: [roles] if isinstance(roles, str) else roles for duty, roles in value.items()}
        return value

    @field_validator("duties")
    @classmethod
    def _offices_only(cls, value: dict[Duty, list[Role]]) -> dict[Duty, list[Role]]:
        for duty, roles in value.items():
            if not roles:
                raise ValueError(f"{duty}: 담당 직위가 하나 이상 있어야 합니다.")
            if strays := [r.value for r in roles if r not in OFFICES]:
                raise ValueError(f"{duty}: 직위가 아닌 역할입니다: {', '.join(strays)} "
                                 f"(허용: {', '.join(r.value for r in OFFICES)})")
        return value

    def roles(self, duty: Duty) -> tuple[Role, ...]:
        """The offices that do `duty` in this county."""
        return tuple(self.duties.get(duty, DUTY_DEFAULTS[duty]))

    def duties_of(self, office: Role) -> list[Duty]:
        return [duty for duty in Duty if office in self.roles(duty)]


@dataclass(frozen=True)
class OfficeWarning:
    code: str  # DUTY_UNHELD | OFFICE_UNHELD | OFFICE_SHARED
    office: str
    message: str
    duty: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "office": self.office, "duty": self.duty, "message": self.message}


def unheld_warnings(section: OfficesSection, holders: Mapping[Role, Sequence[str]]) -> list[OfficeWarning]:
    """What the county should fix in its roster: duties whose offices nobody holds, statutory offices nobody holds,
    and single-holder offices held by several (`holders`: office → employee numbers of its active holders)."""
    warnings = []
    for duty in Duty:
        offices = section.roles(duty)
        if not any(holders.get(office) for office in offices):
            warnings.append(OfficeWarning(
                "DUTY_UNHELD", offices[0].value, duty=duty.value,
                message=f"'{DUTY_LABELS_KO[duty]}' 업무를 맡을 사람이 없습니다 (담당 직위: {role_labels(offices)})."))
    for office in STATUTORY_OFFICES:
        if not holders.get(office):
            warnings.append(OfficeWarning("OFFICE_UNHELD", office.value,
                                          f"법정 직위 '{ROLE_LABELS_KO[office]}'에 지정된 직원이 없습니다."))
    for office in sorted(SINGLE_HOLDER_OFFICES):
        if len(holders.get(office, ())) > 1:
            warnings.append(OfficeWarning("OFFICE_SHARED", office.value,
                                          f"'{ROLE_LABELS_KO[office]}'은(는) 한 사람이 맡는 직위인데 "
                                          f"{len(holders[office])}명이 지정되어 있습니다."))
    return warnings
