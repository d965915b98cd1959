"""Request and response bodies of the consulting API (OpenAPI descriptions in Korean)."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field

from common.bodies import Body, RequestBody
from common.text import MultiLineText, SingleLineText

Document = Annotated[SingleLineText, Field(min_length=1, max_length=300)]
DocumentKey = Field(default=[], max_length=30, description="증빙 버킷의 문서 키 (consulting/<부서>/…)")
OpinionId = Annotated[str, Field(pattern=r"^OP-[a-f0-9]{32}$")]


class PreConsultingIn(RequestBody):
    title: SingleLineText = Field(min_length=1, max_length=200, description="사안 제목")
    matter_code: SingleLineText = Field(min_length=1, max_length=40,
                                        description="사안 코드 (예: ROAD-OCCUPANCY, 도로점용): 의견 등록부의 검색 키")
    rules_in_question: MultiLineText = Field(min_length=1, max_length=4000, description="관련 법령·규정")
    own_review: MultiLineText = Field(min_length=1, max_length=8000, description="부서의 자체 검토 의견")
    documents: list[Document] = DocumentKey
    private_interest: bool = Field(description="사적 이해관계 신고: 신청인에게 사적 이해관계가 있는지")
    private_interest_note: MultiLineText | None = Field(default=None, max_length=2000)
    information_complete: Literal[True] = Field(description="제공한 정보가 사실이며 빠짐없음을 확인 (true만)")


class ReasonIn(RequestBody):
    reason: MultiLineText = Field(min_length=1, max_length=2000, description="사유")


class ResubmissionIn(RequestBody):
    note: MultiLineText = Field(min_length=1, max_length=4000, description="보완 내용")
    own_review: MultiLineText | None = Field(default=None, max_length=8000, description="보완한 자체 검토 의견")
    documents: list[Document] = DocumentKey


class RefusalIn(RequestBody):
    reason_code: Literal["law_clear", "no_own_review", "disposition_made", "proceeding_under_way",
                         "supplement_not_made"] = Field(
        description="반려 사유: 법령 명확·민원 회피, 자체 검토 부족, 이미 처분, 수사·소송·심판·감사 진행 또는 종료, "
                    "보완 기간 경과 (보완 요청 중인 건만, 그 기간이 지난 뒤)")
    note: MultiLineText | None = Field(default=None, max_length=2000, description="검토자 의견")


class VisitIn(RequestBody):
    kind: Literal["site_visit", "hearing"] = Field(description="현장 확인 또는 청문(의견 청취)")
    held_on: date
    summary: MultiLineText = Field(min_length=1, max_length=4000)


class AdviceIn(RequestBody):
    question: MultiLineText = Field(min_length=1, max_length=4000, description="위원회에 자문할 내용")


class EscalationIn(RequestBody):
    grounds: list[Literal["serious", "multi_body"]] = Field(
        default=[], max_length=2, description="이관 사유: 중대한 사안, 여러 기관 관련 (도 경유가 주된 경로면 생략)")
    note: MultiLineText = Field(default="", max_length=2000)


class ProvinceAnswerIn(RequestBody):
    answer: MultiLineText = Field(min_length=1, max_length=8000, description="도 감사기구의 회신 내용")
    answered_on: date


class OpinionIn(RequestBody):
    opinion: MultiLineText = Field(min_length=1, max_length=8000, description="의견 회신 내용")


class ActionReportIn(RequestBody):
    action: MultiLineText = Field(min_length=1, max_length=4000, description="의견에 따라 처리한 결과")


class OpinionRequestIn(RequestBody):
    title: SingleLineText = Field(min_length=1, max_length=200)
    matter_code: SingleLineText = Field(min_length=1, max_length=40, description="사안 코드")
    rules_in_question: MultiLineText = Field(min_length=1, max_length=4000, description="적극행정을 가로막는 규정")
    own_review: MultiLineText = Field(min_length=1, max_length=8000, description="자체 검토")
    documents: list[Document] = DocumentKey
    private_interest: bool
    private_interest_note: MultiLineText | None = Field(default=None, max_length=2000)
    information_complete: Literal[True]
    pre_consulting_id: str | None = Field(default=None, pattern=r"^PC-[a-f0-9]{32}$",
                                          description="앞서 받은 사전컨설팅 (막지 않음: 그 의견이 안건에 첨부됨)")


class ScreeningIn(RequestBody):
    decision: Literal["accept", "refuse"]
    importance: MultiLineText = Field(min_length=1, max_length=2000, description="중요성 판단")
    urgency: MultiLineText = Field(min_length=1, max_length=2000, description="긴급성 판단")
    reason_code: Literal["law_clear", "no_own_review", "disposition_made", "proceeding_under_way"] | None = None
    note: MultiLineText | None = Field(default=None, max_length=2000)


class RatificationIn(RequestBody):
    title: SingleLineText = Field(min_length=1, max_length=200)
    matter_code: SingleLineText = Field(min_length=1, max_length=40)
    work_done: MultiLineText = Field(min_length=1, max_length=8000, description="사전 의견 없이 처리한 업무")
    requirements: dict[Literal["disaster_or_safety", "no_time_to_ask", "due_care"], MultiLineText] = Field(
        description="세 요건 각각의 근거: 재난·안전 긴급 업무, 사전에 물을 시간 없음, 상당한 주의")
    documents: list[Document] = DocumentKey


class CommitteeAnswerOut(Body):
    """The committee's resolution on the case's item, as its event brought it."""

    item_id: str
    meeting_id: str
    outcome: str = Field(description="passed | rejected | resolved | undecided")
    outcome_label: str = Field(description="가결, 부결, 의결, 의결되지 않음")
    counts: dict[str, int] = Field(default={}, description="찬성(for)·반대(against)·기권(abstain) 수")
    resolved_on: date
    audit_head_opinion: str | None = Field(default=None, description="감사기구의 장의 의견 (위원장이 요청해 받은 경우)")


class CaseOut(Body):
    case_id: str
    kind: str
    status: str
    department: str
    requester: str
    title: str
    matter_code: str
    filed_at: str
    due_day: date | None = Field(default=None, description="답변 기한 (보완 중이면 지금 보완된다고 볼 때)")
    clock_state: str | None = None
    supplement_due_day: date | None = None
    rules_in_question: str | None = None
    own_review: str | None = None
    documents: list[str] = Field(default_factory=list)
    private_interest: bool | None = None
    information_complete: bool | None = None
    refusal_reason: str | None = None
    refusal_message: str | None = None
    importance: str | None = None
    urgency: str | None = None
    pre_consulting_id: str | None = None
    escalation_grounds: list[str] | None = None
    province_answer: str | None = None
    advice_outcome: str | None = None
    requirements: dict[str, str] | None = None
    outcome: str | None = None
    opinion_id: str | None = None
    action_report: str | None = None
    committee: CommitteeAnswerOut | None = Field(default=None, description="적극행정위원회 의결과 감사기구의 장 의견")
    history: list[dict[str, Any]] = Field(default_factory=list)


class CaseList(Body):
    items: list[CaseOut]
    next_token: str | None = None


class OpinionOut(Body):
    opinion_id: str
    case_kind: str
    case_id: str
    matter_code: str
    department: str
    requester: str
    issued_on: date
    issued_by: str
    text: str
    information_complete: bool
    private_interest: bool
    acted: str | None
    acted_by: str | None
    finding: str | None = None


class FindingIn(RequestBody):
    information_complete: bool = Field(description="false: 제공한 정보가 불충분했음이 확인됨")
    private_interest: bool = Field(description="true: 사적 이해관계가 확인됨")
    reason: MultiLineText = Field(min_length=1, max_length=2000)


class OpinionList(Body):
    items: list[OpinionOut]
    next_token: str | None = None


CriterionName = Literal["public_interest", "active_handling", "no_intent_or_gross_negligence"]


class ExemptionIn(RequestBody):
    matter_code: SingleLineText = Field(min_length=1, max_length=40, description="감사받은 행위의 사안 코드")
    audit_ref: SingleLineText = Field(min_length=1, max_length=100, description="감사 이름·번호")
    audit_ended_on: date = Field(description="감사 종료일 (신청은 그 뒤에)")
    act_summary: MultiLineText = Field(min_length=1, max_length=8000, description="감사에서 지적된 업무 처리")
    criteria: dict[CriterionName, MultiLineText] = Field(
        description="면책 요건 각각의 근거: 공공의 이익, 적극적 업무 처리의 결과, 고의·중과실 없음")
    private_interest: bool = Field(description="사적 이해관계가 있었는지")
    serious_procedural_defect: bool = Field(description="중대한 절차상 하자가 있었는지")
    opinion_ids: list[OpinionId] = Field(default=[], max_length=10, description="따른 의견 (등록부의 의견 ID)")
    documents: list[Document] = DocumentKey


class DecisionIn(RequestBody):
    decision: Literal["EXEMPT", "NOT_EXEMPT"]
    reasons: MultiLineText = Field(min_length=1, max_length=8000, description="결정 이유")
    board_resolution: SingleLineText | None = Field(default=None, max_length=40, description="면책심의회 의결 번호")


class CounselIn(RequestBody):
    kind: Literal["counselling", "file_review", "hearing_attendance", "written_statement"] = Field(
        description="상담, 제출 서류 검토, 심의 출석, 서면 의견 제출")
    held_on: date
    note: MultiLineText = Field(min_length=1, max_length=4000)


class CounselOut(Body):
    kind: str
    held_on: date
    note: str
    by: str
    at: str


class CounselList(Body):
    items: list[CounselOut]


class PresumptionOut(Body):
    opinion_id: str | None
    issued_on: date | None = None
    issued_by: str | None = None
    department: str | None = None
    cited: bool = Field(description="신청인이 따른 의견으로 적었는지")
    presumed_exempt: bool = Field(description="면책 추정: 같은 사안, 정보 완전, 사적 이해관계 없음")
    no_gross_negligence_presumed: bool = Field(description="중과실 없음 추정: 사적 이해관계·중대한 절차 하자 없음")
    reasons: list[str] = Field(description="추정되지 않는 이유 코드")


class ExemptionOut(Body):
    case: CaseOut
    audit_ref: str | None = None
    audit_ended_on: date | None = None
    act_summary: str | None = None
    criteria: dict[str, str] | None = None
    serious_procedural_defect: bool | None = None
    decision: str | None = None
    decided_on: date | None = None
    recommendation: str | None = None
    presumptions: list[PresumptionOut] = Field(default=[], description="같은 사안의 등록된 의견마다 그 추정")


class ExemptionList(Body):
    items: list[CaseOut]
    next_token: str | None = None


class QuarterRow(Body):
    exemption_id: str
    applicant: str
    department: str
    matter_code: str
    audit_ref: str
    decision: str
    decided_on: date
    deciding_body: str
    board_resolution: str | None


class QuarterReport(Body):
    quarter: str
    due_day: date = Field(description="감사원 보고 기한 (분기 종료 후 기간: clock.periods)")
    rows: list[QuarterRow]
    submitted_at: str | None = None
    submitted_by: str | None = None


class LitigationIn(RequestBody):
    kind: Literal["disciplinary_explanation", "criminal_investigation", "criminal_trial", "civil_suit"] = Field(
        description="징계 소명, 기소 전 수사, 형사 재판(무죄 확정 후 지급), 민사 소송")
    case_summary: MultiLineText = Field(min_length=1, max_length=8000, description="사건 개요 (직무 관련성)")
    requested_won: int = Field(ge=1, le=1_000_000_000, description="신청 금액 (원)")
    retired: bool = Field(default=False, description="퇴직 공무원의 신청 (담당 부서가 대리 접수)")
    applicant_employee_no: str | None = Field(default=None, pattern=r"^[A-Za-z0-9-]{1,20}$",
                                              description="퇴직자 대리 접수: 신청인 사번")
    applicant_department: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,20}$",
                                             description="퇴직자 대리 접수: 마지막 소속 부서")
    documents: list[Document] = DocumentKey


class VerdictIn(RequestBody):
    final_acquittal: Literal[True] = Field(description="무죄 확정")
    decided_on: date
    court_case: SingleLineText = Field(min_length=1, max_length=100, description="사건 번호")


class InvestigatorOpinionIn(RequestBody):
    sent_on: date
    addressee: SingleLineText = Field(min_length=1, max_length=100, description="받은 수사기관")
    summary: MultiLineText = Field(min_length=1, max_length=4000, description="보낸 의견 (적극행정 여부 등)")


class IndemnityIn(RequestBody):
    employee_no: str = Field(pattern=r"^[A-Za-z0-9-]{1,20}$", description="구상 대상 공무원 사번")
    department: str = Field(pattern=r"^[A-Za-z0-9_-]{1,20}$")
    damage_summary: MultiLineText = Field(min_length=1, max_length=4000, description="손해 내용")
    from_active_administration: bool = Field(description="적극행정 과정에서 생긴 손해인지")
    weighing: MultiLineText | None = Field(default=None, max_length=4000,
                                           description="적극행정 여부를 어떻게 고려했는지")
    decision: Literal["claim", "reduce", "waive"] = Field(description="구상 청구, 감경, 면제")
    amount_won: int = Field(default=0, ge=0, le=10_000_000_000)


class PaymentIn(RequestBody):
    won: int = Field(ge=1, le=1_000_000_000)
    paid_on: date


class LitigationOut(Body):
    case: CaseOut
    litigation_kind: str
    retired: bool
    requested_won: int
    approved_won: int | None
    paid_won: int
    acquitted: bool


class EvidenceUploadIn(RequestBody):
    file_name: SingleLineText = Field(min_length=1, max_length=200, description="파일 이름")
    content_type: str | None = Field(default=None, max_length=100,
                                     description="MIME 형식 (지자체가 허용한 형식만; 없으면 파일 이름으로 추정)")


class EvidenceUpload(Body):
    key: str = Field(description="신청의 documents 에 넣을 키")
    url: str = Field(description="POST (multipart/form-data) 로 올릴 주소")
    fields: dict[str, str] = Field(description="폼에 그대로 넣을 필드 (file 필드는 맨 마지막에)")
    content_type: str
    max_bytes: int
    expires_in: int


class IndemnityOut(Body):
    decision_id: str
    employee_no: str
    department: str
    damage_summary: str
    decision: str
    from_active_administration: bool
    weighing: str | None
    amount_won: int
    decided_at: str
