"""Request and response bodies of the complaints API."""

from datetime import date
from typing import Any, Literal

from pydantic import ConfigDict, Field

from common.bodies import Body
from common.county_complaints import PetitionType
from common.params import RecordId
from complaints.rules.lifecycle import NotPassiveReason
from contracts.complaints import Measure, PassiveType


class _In(Body):
    model_config = ConfigDict(extra="forbid")


class AttachmentIn(_In):
    name: str = Field(min_length=1, max_length=200)
    content_type: str = Field(min_length=3, max_length=100)
    size: int = Field(ge=1)


class ReportIn(_In):
    """What happened, when, where, who (if known), an earlier petition, the harm."""

    what: str = Field(min_length=10, max_length=5000, description="무슨 일이 있었는지")
    happened_on: date | None = None
    place: str | None = Field(default=None, max_length=200)
    department: str | None = Field(default=None, max_length=20, description="관련 부서 코드 (알면)")
    official: str | None = Field(default=None, max_length=20, description="관련 공무원 사번 (알면)")
    earlier_petition_no: str | None = Field(default=None, max_length=50, description="이전 민원 번호")
    harm: str = Field(min_length=2, max_length=2000, description="침해된 권익 또는 재정 손실")
    public_interest: bool = Field(default=False, description="부패·공익침해 내용이 있음 (공익신고자 보호)")
    attachments: list[AttachmentIn] = Field(default=[], max_length=20)


class ReporterIn(_In):
    name: str = Field(min_length=1, max_length=50)
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = Field(default=None, pattern=r"^[0-9+\-]{9,20}$")


class ResidentReportIn(ReportIn):
    reporter: ReporterIn


class OpenCaseIn(ReportIn):
    """An audit-initiated inspection (no reporter) or a case transferred from 국민신문고 / the ACRC."""

    channel: Literal["audit", "transferred"]
    original_no: str | None = Field(default=None, max_length=50, description="국민신문고·권익위 원 번호")
    reporter: ReporterIn | None = None


class UploadOut(Body):
    """A presigned POST for one attachment: send the file as `file` with these form fields to `url`."""

    name: str
    url: str
    fields: dict[str, str]


class ReceiptOut(Body):
    receipt_no: str | None
    secret: str | None = Field(description="한 번만 보여 줍니다. 잃어버리면 새로 신고해야 합니다.")
    message: str
    uploads: list[UploadOut] = Field(default=[], description="첨부 파일 올리기 (15분 안에)")


class AcknowledgeIn(_In):
    petition_type: PetitionType = PetitionType.GRIEVANCE


class ClassifyIn(_In):
    passive: bool
    passive_type: PassiveType | None = None
    reason: str = Field(min_length=2, max_length=2000)
    harm: str | None = Field(default=None, max_length=2000)
    not_passive_reason: NotPassiveReason | None = None
    department: str | None = Field(default=None, max_length=20, description="이송할 담당 부서 (소극행정이 아니면)")
    whistleblower: bool | None = None


class InvestigatorIn(_In):
    employee_no: str = Field(min_length=1, max_length=20)
    department: str | None = Field(default=None, min_length=1, max_length=20,
                                   description="직원 명부의 부서와 같아야 함 (없으면 명부의 부서)")


class TextIn(_In):
    text: str = Field(min_length=1, max_length=5000)


class ReasonIn(_In):
    reason: str = Field(min_length=2, max_length=2000)


class ExtensionIn(_In):
    reason: str = Field(min_length=2, max_length=2000)
    length: int | None = Field(default=None, ge=1)
    consent: bool = False


class FieldInvestigationIn(_In):
    action: Literal["start", "extend", "end"]
    reason: str = Field(min_length=2, max_length=500)


class MeasureIn(_In):
    employee_no: str = Field(min_length=1, max_length=20)
    department: str = Field(min_length=1, max_length=20)
    measure: Measure
    liability: Literal["actor", "supervisor"] = "actor"


class HandlerIn(_In):
    name: str = Field(min_length=1, max_length=50)
    contact: str = Field(min_length=3, max_length=50)


class DecisionIn(_In):
    findings: str = Field(min_length=2, max_length=10000)
    measures: list[MeasureIn] = Field(min_length=1, max_length=20)
    result: str = Field(min_length=2, max_length=5000, description="신고인에게 알릴 결과와 이유")
    handler: HandlerIn


class AnswerIn(_In):
    text: str = Field(min_length=2, max_length=5000)
    handler: HandlerIn


class CaseOut(Body):
    """A case as the office sees it: never the reporter's identity or contact."""

    case_id: str
    channel: str
    original_no: str | None = None
    anonymous: bool
    whistleblower: bool
    protected_until: str | None = None
    status: str
    what: str
    happened_on: str | None = None
    place: str | None = None
    department: str | None = None
    official: str | None = None
    earlier_petition_no: str | None = None
    harm: str | None = None
    attachments: list[dict[str, Any]] = Field(default_factory=list)
    petition_type: str | None = None
    due_at: str | None = None
    clock_state: str | None = None
    extensions: int = 0
    acknowledged_late: bool | None = Field(default=None, description="온라인 접수 확인이 8근무시간을 넘겼는지")
    field_investigation: dict[str, Any] | None = None
    classification: dict[str, Any] | None = None
    rerouted_to: str | None = None
    investigator: str | None = None
    findings: str | None = None
    measures: list[dict[str, Any]] = Field(default_factory=list)
    result: dict[str, Any] | None = None
    answer: dict[str, Any] | None = None
    repeats: int = 0
    reporter_erased_at: str | None = None
    notices: int = 0
    created_at: str
    received_at: str | None = None
    decided_at: str | None = None
    closed_at: str | None = None
    view: Literal["office", "department"] = "office"
    notes: list[dict[str, Any]] | None = None
    messages: list[dict[str, Any]] | None = None


class CaseList(Body):
    items: list[CaseOut]
    next_token: str | None = None


class FollowOut(Body):
    """The receipt page: progress, messages, the result — what the reporter may see."""

    receipt_no: str
    status: str
    status_label: str
    received_at: str | None = None
    due_day: str | None = None
    rerouted_to: str | None = None
    answer: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    messages: list[dict[str, Any]] = Field(default_factory=list)


class MyReportOut(Body):
    """One of a signed-in resident's reports: its receipt number and progress (the messages and the result are on the
    receipt page, with the secret)."""

    receipt_no: str | None
    status: str
    status_label: str
    created_at: str
    received_at: str | None = None
    due_day: str | None = None
    rerouted_to: str | None = None


class MyReportsOut(Body):
    items: list[MyReportOut]
    next_token: str | None = None


class RevealOut(Body):
    case_id: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    logged_at: str


class RevealLogOut(Body):
    items: list[dict[str, Any]]
    next_token: str | None = None
    intact: bool = Field(description="이 쪽의 기록이 해시 체인으로 이어지고 (첫 쪽이면) 마지막 기록이 체인의 머리인지")


class StatisticsOut(Body):
    period: str
    summary: dict[str, Any]


CaseIdParam = RecordId
