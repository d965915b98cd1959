"""Request and response bodies of the selection API (OpenAPI descriptions in Korean)."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field

from common.bodies import Body, RequestBody
from common.text import MultiLineText, SingleLineText

EmployeeNoField = Field(pattern=r"^[A-Za-z0-9-]{1,20}$", description="사번")


class CycleIn(RequestBody):
    year: int = Field(ge=2020, le=2100, description="연도")
    code: str = Field(pattern=r"^[A-Z0-9]{1,4}$", description="회차 코드 (지자체 설정의 cycles, 예: H1)")
    reason: SingleLineText = Field(min_length=2, max_length=500, description="일정보다 먼저 여는 사유")


class PhaseIn(RequestBody):
    to: Literal["NOMINATION", "REVIEW", "VOTING", "COMMITTEE", "CLOSED"] = Field(description="다음 단계")
    reason: SingleLineText = Field(min_length=2, max_length=500, description="직접 진행하는 사유")


class ReasonIn(RequestBody):
    reason: SingleLineText = Field(min_length=2, max_length=500, description="사유")


class CycleOut(Body):
    cycle_id: str
    name: str
    phase: str
    planned: int
    dates: dict[str, str]
    criteria_item: str | None = Field(default=None, description="위원회에 요청한 기준 안건 (원 안건 번호)")
    criteria_outcome: str | None
    criteria_resolved_on: str | None
    shortlist: list[str] | None = None
    history: list[dict[str, Any]] = Field(default_factory=list)


class CycleList(Body):
    cycles: list[CycleOut]


class NominationIn(RequestBody):
    employee_no: str = EmployeeNoField
    nominee_name: SingleLineText = Field(min_length=1, max_length=50, description="추천하는 직원 이름")
    criterion: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$",
                           description="선발 기준 코드 (지자체 설정의 criteria; friendliness = 단순 친절: 심사 제외)")
    kind: Literal["case", "exemplary_failure"] = Field(default="case", description="우수사례 또는 모범 실패사례")
    case_title: SingleLineText = Field(min_length=2, max_length=200, description="사례 제목")
    achievement: MultiLineText = Field(min_length=10, max_length=4000, description="무엇을 이루었는지")
    evidence: list[Annotated[SingleLineText, Field(max_length=500)]] = Field(
        default=[], max_length=10, description="증빙 (문서 키, 기사 주소)")


class StaffNominationIn(NominationIn):
    channel: Literal["department", "contest"] = Field(description="부서 추천(부서장) 또는 경진대회 수상자(전담부서)")
    flagship_task: SingleLineText | None = Field(
        default=None, min_length=2, max_length=200,
        description="추천받는 직원이 주담당자인 적극행정 중점과제 (있으면: 지자체 설정 수만큼 인센티브를 본인이 고름)")


class NominationOut(Body):
    nomination_id: str
    cycle_id: str
    channel: str
    employee_no: str
    nominee_name: str
    criterion: str
    kind: str
    case_title: str
    set_aside: str | None = Field(description="심사에서 제외되는 사유 (friendliness_only)")
    created_at: str


class NominationList(Body):
    nominations: list[NominationOut]


class ExclusionIn(RequestBody):
    employee_no: str = EmployeeNoField
    kind: Literal["manual", "discipline"] = Field(description="manual: 이 회차만, discipline: 징계일부터 지자체 기간")
    reason: SingleLineText = Field(min_length=2, max_length=500, description="제외 사유")
    on: date | None = Field(default=None, description="징계일 (discipline)")


class ExclusionOut(Body):
    employee_no: str
    kind: str
    reason: str
    until: str | None
    source: str


class CandidateOut(Body):
    employee_no: str
    name: str
    department: str | None
    case_title: str
    criterion: str
    kind: str
    flagship_task: str | None = Field(default=None, description="주담당자인 적극행정 중점과제")
    excluded: list[ExclusionOut] | None = Field(default=None, description="예비심사 (투표 전, 전담부서): 제외 사유")


class CandidateList(Body):
    cycle_id: str
    phase: str
    final: bool = Field(description="true: 투표 후보 확정, false: 예비심사 중 미리보기")
    candidates: list[CandidateOut]


class BallotIn(RequestBody):
    choices: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,20}$")]] = Field(
        min_length=1, max_length=50, description="고른 후보의 사번")


class BallotOut(Body):
    cycle_id: str
    bloc: str
    choices: list[str]


class RankedOut(Body):
    employee_no: str
    score: str = Field(description="가중 점수 (분수)")
    score_decimal: float
    rank: int
    shortlisted: bool


class TallyOut(Body):
    cycle_id: str
    blocs: dict[str, dict[str, Any]] = Field(description="집단별 투표 수(turnout)와 후보별 득표")
    weights: dict[str, int]
    ranked: list[RankedOut]


class AuditOut(Body):
    cycle_id: str
    matches: bool = Field(description="투표지로 다시 센 결과가 마감 집계와 같은지")
    recounted: dict[str, dict[str, Any]]
    stored: dict[str, dict[str, Any]]
    ballots: int


class PlanIn(RequestBody):
    incentives: list[Annotated[str, Field(max_length=40)]] = Field(
        default=[], max_length=8, description="인사상 인센티브 코드 (공무원만, 1종 이상)")
    preference: list[Annotated[str, Field(max_length=40)]] = Field(
        default=[], max_length=8, description="본인이 희망한 인센티브 코드")


class GrantIn(RequestBody):
    reference: SingleLineText = Field(min_length=1, max_length=200, description="인사 발령·처리 번호")


class AwardeeOut(Body):
    employee_no: str
    name: str
    department: str | None
    tier: str
    case_title: str
    personnel_eligible: bool
    plan: dict[str, Any] | None
    plan_status: str | None
    plan_history: list[dict[str, Any]] = Field(default_factory=list)
    flagship_task: str | None = Field(
        default=None, description="주담당자인 적극행정 중점과제 (지자체 설정 수만큼 인센티브를 본인이 고름)")
    seconded_from: str | None = Field(default=None, description="파견 공무원의 원소속 기관 (운영규정 §20)")
    home_body_notice: dict[str, Any] | None = Field(
        default=None, description="원소속 기관 통보 (파견 공무원): home_body, state (PENDING|NOTIFIED|ANSWERED), "
                                  "due_at, notice, answer")


class AwardeeList(Body):
    cycle_id: str
    awardees: list[AwardeeOut]


class StatisticsOut(Body):
    cycle_id: str
    phase: str
    nominations: dict[str, Any] = Field(description="총 추천, 추천받은 직원 수, 경로별, 종류별, 심사 제외(단순 친절)")
    candidates: int = Field(description="투표 후보 수 (투표 시작 후)")
    turnout: dict[str, int] | None = Field(description="집단별 투표 수 (마감 후)")
    awardees: dict[str, Any] = Field(description="등급별 수상, 인사상 인센티브 대상, 파격적 인센티브, 계획 상태별")
    seconded: dict[str, int] | None = Field(
        default=None, description="파견 공무원 수상자 (따로 셈: 인사상 인센티브는 원소속 기관): 수, 통보, 회신, 미통보")
    departments: dict[str, Any] | None = Field(
        default=None, description="우수사례·우수부서: 부서 사례 수, 경로별, 제외, 등급별 수상, 시상금 합계, 지급")


class ResultOut(Body):
    name: str
    department: str | None
    tier: str
    tier_name: str
    case_title: str


class DepartmentResultOut(Body):
    department: str
    department_name: str
    tier: str
    tier_name: str
    case_title: str


class ResultList(Body):
    cycle_id: str
    name: str | None
    published: bool = Field(description="위원회가 선발했는지")
    results: list[ResultOut]
    departments: list[DepartmentResultOut] = Field(default=[], description="우수사례·우수부서 수상 부서")


# ---------------------------------------------------- department awards (우수사례·우수부서) and the contest
class ContestResultIn(RequestBody):
    name: SingleLineText = Field(min_length=2, max_length=100, description="경진대회 이름")
    rank: int | None = Field(default=None, ge=1, le=1000, description="순위")
    score: float | None = Field(default=None, ge=0, le=1000, description="점수")


class DepartmentNominationIn(RequestBody):
    channel: Literal["contest", "department"] = Field(
        description="contest: 경진대회 결과 (전담부서, 어느 부서든), department: 부서장이 자기 부서 사례 제출")
    department: str = Field(pattern=r"^[A-Za-z0-9_-]{1,20}$", description="부서 코드")
    department_name: SingleLineText = Field(min_length=1, max_length=50, description="부서 이름 (결과·시상에 표시)")
    criterion: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$", description="선발 기준 코드 (지자체 설정의 criteria)")
    case_title: SingleLineText = Field(min_length=2, max_length=200, description="사례 제목")
    achievement: MultiLineText = Field(min_length=10, max_length=4000, description="주요 성과")
    evidence: list[Annotated[SingleLineText, Field(max_length=500)]] = Field(
        default=[], max_length=10, description="증빙 (문서 키, 기사 주소)")
    staff: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,20}$")]] = Field(
        default=[], max_length=20, description="사례를 추진한 직원의 사번 (선택)")
    contest: ContestResultIn | None = Field(default=None, description="경진대회 결과 (contest 경로에 필수)")


class DepartmentNominationOut(Body):
    nomination_id: str
    cycle_id: str
    channel: str
    department: str
    department_name: str
    criterion: str
    case_title: str
    achievement: str
    evidence: list[str]
    staff: list[str]
    contest: dict[str, Any] | None
    created_at: str
    excluded: dict[str, Any] | None = Field(default=None, description="전담부서의 제외 {reason, by, at}")
    tier: str | None = Field(default=None, description="위원회가 준 등급 코드")
    prize_won: int | None = None
    prize_status: str | None = Field(default=None, description="AWARDED → REQUESTED → PAID")
    prize_history: list[dict[str, Any]] = Field(default_factory=list)


class DepartmentNominationList(Body):
    cycle_id: str
    phase: str
    final: bool = Field(description="true: 투표 단계부터 위원회에 올릴 부서 사례 확정")
    nominations: list[DepartmentNominationOut]


class PrizeStepIn(RequestBody):
    step: Literal["requested", "paid"] = Field(description="requested: 지급 요청, paid: 지급 완료 (reference 필수)")
    reference: SingleLineText | None = Field(default=None, min_length=1, max_length=200, description="지급 처리 번호")


class ContestCaseOut(Body):
    kind: str = Field(description="우수공무원 또는 우수부서")
    criterion: str = Field(description="선발 기준 (이름)")
    case_title: str
    achievement: str
    evidence: str = Field(description="증빙 (줄마다 하나)")
    department: str
    who: str = Field(description="공무원 이름(사번) 또는 부서 이름(추진 직원 사번)")
    tier: str = Field(description="등급 이름")


class ContestExportOut(Body):
    cycle_id: str
    cases: list[ContestCaseOut]


# ---------------------------------------------------- seconded officials (운영규정 §20): the home body's notice
class HomeBodyNoticeIn(RequestBody):
    document_no: SingleLineText = Field(min_length=1, max_length=100, description="공문 번호")
    sent_on: date = Field(description="발송일 (위원회 의결일부터 오늘까지)")


class HomeBodyAnswerIn(RequestBody):
    granted: list[Annotated[SingleLineText, Field(min_length=1, max_length=100)]] = Field(
        default=[], max_length=10, description="원소속 기관이 부여한 인센티브 (없으면 빈 목록)")
    reference: SingleLineText = Field(min_length=1, max_length=200, description="원소속 기관의 회신 문서·처리 번호")
    answered_on: date = Field(description="회신일")


class HomeBodyNoticeOut(Body):
    cycle_id: str
    employee_no: str
    home_body: str = Field(description="원소속 기관")
    state: str = Field(description="PENDING (미통보), NOTIFIED (통보), ANSWERED (회신 기록)")
    due_at: str = Field(description="통보 기한 (위원회 의결부터 지자체 설정 기간)")
    notice: dict[str, Any] | None = Field(description="document_no, sent_on, recommended (권고 인센티브), preference")
    answer: dict[str, Any] | None = Field(description="granted, reference, answered_on")
