"""Request and response models of the mileage API (OpenAPI descriptions in Korean)."""

from datetime import date
from typing import Literal

from pydantic import Field

from common.bodies import Body, RequestBody
from common.text import MultiLineText, SingleLineText


class Recipient(RequestBody):
    employee_no: SingleLineText = Field(min_length=1, max_length=20, description="받는 직원의 직원번호")
    share: int = Field(default=1, ge=1, le=100, strict=True, description="공동 행위의 기여 비율 (가중치 또는 %)")


class GrantRequest(RequestBody):
    item_code: SingleLineText = Field(min_length=2, max_length=32, description="마일리지 항목 코드")
    points: int = Field(ge=-100, le=100, strict=True,
                        description="이 행위에 주는 점수 (공동 행위는 합계, 기여 비율로 나눔)")
    act_title: SingleLineText = Field(min_length=2, max_length=200, description="행위 제목")
    act_description: MultiLineText = Field(default="", max_length=2000, description="행위 설명")
    act_date: date = Field(description="행위 일자 (미래 불가)")
    act_ref: SingleLineText | None = Field(default=None, max_length=100,
                                           description="문서번호 등 행위 식별 번호 (선택)")
    partner_department: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,20}$",
                                           description="함께 일했거나 지원한 다른 부서의 코드 (부서 간 협업 행위)")
    recipients: list[Recipient] = Field(min_length=1, max_length=10, description="받는 직원과 기여 비율")
    evidence_links: list[SingleLineText] = Field(default=[], max_length=10, description="증빙 링크 (https://…)")
    evidence_keys: list[SingleLineText] = Field(
        default=[], max_length=10, description="증빙 파일 키 (POST /mileage/evidence-uploads 에서 받은 key)")


class GrantOut(Body):
    grant_id: str
    group_id: str
    employee_no: str
    department: str
    grantor: str
    granted_as: Literal["head", "deputy", "office"] = Field(
        default="head", description="부서장 본인, 직무대리, 또는 감점을 확정한 담당 부서(감사부서)의 부여")
    item_code: str
    points: int = Field(description="이 직원이 받는 점수")
    group_points: int = Field(description="행위 전체 점수")
    share: int
    act_title: str
    act_description: str
    act_date: str
    act_ref: str | None
    partner_department: str | None = None
    evidence_links: list[str]
    evidence_keys: list[str]
    status: Literal["SUBMITTED", "APPROVED", "REJECTED", "REVERSED", "SUPERSEDED"]
    reason: str | None = None
    created_at: str
    decided_by: str | None = None
    decided_at: str | None = None
    supersedes: str | None = None
    superseded_by: str | None = None
    approval_by: Literal["panel"] | None = Field(
        default=None, description="panel: 승인 부서 소속 직원에 대한 부여 — 평가단이 승인·반려 (지자체 설정)")


class GrantCreated(Body):
    grants: list[GrantOut]
    superseded: list[str] = Field(default=[], description="이번 부여로 대체된(SUPERSEDED) 기존 부여 ID")


class GrantPage(Body):
    items: list[GrantOut]
    next_token: str | None = None


class RejectRequest(RequestBody):
    reason: MultiLineText = Field(min_length=2, max_length=1000, description="반려 사유")


class ReverseRequest(RequestBody):
    reason: MultiLineText = Field(min_length=2, max_length=1000, description="취소(차감) 사유")


class BulkDecision(RequestBody):
    grant_ids: list[SingleLineText] = Field(min_length=1, max_length=50, description="처리할 부여 ID")
    decision: Literal["approve", "reject"] = Field(description="approve(승인) 또는 reject(반려)")
    reason: MultiLineText | None = Field(default=None, max_length=1000, description="반려 사유 (반려 시 필수)")


class BulkResult(Body):
    grant_id: str
    ok: bool
    status: str | None = None
    code: str | None = None
    message: str | None = None


class BulkResults(Body):
    results: list[BulkResult]


class EvidenceUploadRequest(RequestBody):
    file_name: SingleLineText = Field(min_length=1, max_length=200, description="파일 이름")
    content_type: str | None = Field(default=None, max_length=100,
                                     description="MIME 형식 (지자체가 허용한 형식만; 없으면 파일 이름으로 추정)")


class EvidenceUpload(Body):
    key: str = Field(description="부여 요청의 evidence_keys 에 넣을 키")
    url: str = Field(description="POST (multipart/form-data) 로 올릴 주소")
    fields: dict[str, str] = Field(description="폼에 그대로 넣을 필드 (file 필드는 맨 마지막에)")
    content_type: str = Field(description="서명된 파일 형식 (다른 형식은 거절됨)")
    max_bytes: int = Field(description="서명된 최대 크기 (바이트; 넘으면 거절됨)")
    expires_in: int


class AccountOut(Body):
    employee_no: str
    department: str | None
    balance: int = Field(description="사용 가능한 점수")
    held: int = Field(description="사용 신청으로 묶인 점수")
    version: int


class LedgerEntryOut(Body):
    entry_id: str
    kind: Literal["CREDIT", "REVERSAL", "HOLD", "SPEND", "REFUND", "EXPIRE"]
    delta: int
    held_delta: int
    reference: str
    balance_after: int
    held_after: int
    created_at: str


class LedgerPage(Body):
    items: list[LedgerEntryOut]
    next_token: str | None = None


class AccountPage(Body):
    items: list[AccountOut]
    next_token: str | None = None


class RedeemRequest(RequestBody):
    reward_code: SingleLineText = Field(min_length=2, max_length=32, description="보상 코드 (GET /mileage/rewards)")


class RedemptionOut(Body):
    redemption_id: str
    employee_no: str
    reward_code: str
    kind: Literal["voucher", "leave", "cash"]
    points: int
    won: int | None = None
    days: float | None = None
    status: Literal["REQUESTED", "AWAITING_HR", "FULFILLED", "FAILED"] = Field(
        description="REQUESTED: 상품권 발급 대기, AWAITING_HR: 휴가·포상금 인사부서 집행 대기 (점수 보류)")
    voucher_code: str | None = None
    failure_reason: str | None = None
    due_at: str | None = Field(default=None, description="휴가·포상금: 인사부서 집행 기한 (county clock.periods."
                                                         "redemption_execution)")
    overdue: bool | None = Field(default=None, description="집행 대기 중 기한이 지났는지")
    executed_by: str | None = Field(default=None, description="확정 또는 거절한 인사부서 직원")
    execution_reference: str | None = Field(default=None, description="인사부서의 처리 번호 (문서번호)")
    executed_on: str | None = Field(default=None, description="휴가 시작일 또는 지급일")
    forwarded_at: str | None = Field(default=None,
                                     description="상품권 발급처에 마지막으로 요청한 시각 (답을 기다리는 중)")
    forward_count: int | None = Field(default=None, description="상품권 발급처에 요청한 횟수 (답이 없으면 다시 보냄)")
    created_at: str
    updated_at: str | None = None


class ConfirmRedemption(RequestBody):
    reference: SingleLineText = Field(min_length=2, max_length=100,
                                      description="인사부서의 처리 번호 (휴가 명령·지급 결의 문서번호)")
    executed_on: date = Field(description="휴가 시작일 또는 지급일")


class RefuseRedemption(RequestBody):
    reason: MultiLineText = Field(min_length=2, max_length=1000, description="거절 사유 (점수는 돌려드립니다)")


class ProposalOut(Body):
    proposal_id: str
    event_id: str
    source: str
    detail_type: str
    employee_no: str
    department: str
    item_code: str
    points: int = Field(description="규칙이 제안한 점수 (확정할 때 항목 범위 안에서 바꿀 수 있음)")
    act_title: str
    act_date: str
    act_ref: str
    status: Literal["DRAFT", "CONFIRMED", "DISMISSED"]
    grant_id: str | None = Field(default=None, description="확정으로 만들어진 부여 ID")
    reason: str | None = None
    created_at: str
    decided_by: str | None = None
    decided_at: str | None = None


class ProposalPage(Body):
    items: list[ProposalOut]
    next_token: str | None = None


class ConfirmProposal(RequestBody):
    points: int | None = Field(default=None, ge=-100, le=100, strict=True,
                               description="점수 (없으면 제안 점수, 항목 범위 안)")
    act_title: SingleLineText | None = Field(default=None, min_length=2, max_length=200,
                                             description="행위 제목 (없으면 제안 제목)")
    act_description: MultiLineText = Field(default="", max_length=2000, description="행위 설명")
    act_date: date | None = Field(default=None, description="행위 일자 (없으면 이벤트 일자)")
    evidence_links: list[SingleLineText] = Field(default=[], max_length=10, description="증빙 링크 (https://…)")
    evidence_keys: list[SingleLineText] = Field(default=[], max_length=10, description="증빙 파일 키")


class ConfirmedProposal(Body):
    proposal: ProposalOut
    grant: GrantOut


class DismissProposal(RequestBody):
    reason: MultiLineText = Field(min_length=2, max_length=1000, description="기각 사유")


class ItemTotal(Body):
    item_code: str
    count: int = Field(description="부여 건수 (대체된 건 제외)")
    points: int = Field(description="부여 점수 합계")
    approved_points: int = Field(description="승인된 점수 합계")


class PersonTotal(Body):
    employee_no: str
    grants: int
    approved_points: int = Field(description="승인된 점수")
    cap_points: int = Field(description="한도에 잡힌 점수 (신청 + 승인)")


class ReviewFlag(Body):
    type: Literal["concentration", "reciprocal", "near_cap"]
    employee_no: str | None = None
    with_department: str | None = None
    grantors: list[str] = Field(default_factory=list)
    points: int | None = None
    limit: int | None = None
    percent: float | None = None
    message: str


class DepartmentReview(Body):
    department: str
    grants: int
    submitted: int
    approved: int = Field(description="승인된 건 (이후 취소된 건 포함)")
    rejected: int
    reversed: int
    approval_rate: float | None = Field(description="승인 / (승인 + 반려), 결정된 건이 없으면 null")
    approved_points: int
    items: list[ItemTotal]
    people: list[PersonTotal]
    flags: list[ReviewFlag]


class ReviewReport(Body):
    period: str
    start: date
    end: date
    departments: list[DepartmentReview]


class RedemptionPage(Body):
    items: list[RedemptionOut]
    next_token: str | None = None


class DeputyRequest(RequestBody):
    employee_no: SingleLineText = Field(min_length=1, max_length=20,
                                        description="직무대리로 지정할 같은 부서 직원의 직원번호")
    start: date = Field(description="대리 시작일 (포함)")
    end: date = Field(description="대리 종료일 (포함, 시작일 이후)")


class DeputyOut(Body):
    department: str
    employee_no: str
    start: date
    end: date
    designated_by: str
    designated_at: str
    in_effect: bool = Field(description="오늘 부여할 수 있는지 (기간 안이고 지자체가 직무대리를 허용)")
