"""The county's mileage policy (적극행정 마일리지): items, who may earn and grant, caps, rewards, expiry, event rules.

Every number here differs between counties (Jung-gu scores 14 items 1–10, Sinan pays ₩10,000 a point up to
₩200,000 a year, the central standard deducts 5 points for passive administration …), so none of it is in code.
"""

from datetime import date
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from common.county_evidence import Evidence


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use (cold starts)


class MileageItem(_Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,30}$", description="항목 코드 (예: IDEA)")
    name: str = Field(min_length=2, description="항목 이름 (예: 적극적 아이디어 제시)")
    description: str = Field(default="", description="부여 기준 설명")
    min_points: int = Field(ge=-100, le=100, description="한 행위에 줄 수 있는 최소 점수 (감점 항목은 음수)")
    max_points: int = Field(ge=-100, le=100, description="한 행위에 줄 수 있는 최대 점수")
    evidence_required: bool = Field(default=False, description="증빙(링크 또는 파일)이 반드시 있어야 하는지")

    @model_validator(mode="before")
    @classmethod
    def _fixed_points(cls, data: Any) -> Any:
        """`points: 7` is an item worth exactly 7 (Jung-gu weights each item within 1–10), as min = max = 7."""
        if isinstance(data, dict) and "points" in data:
            if "min_points" in data or "max_points" in data:
                raise ValueError("points 와 min_points·max_points 는 함께 쓸 수 없습니다.")
            data = {**data, "min_points": data["points"], "max_points": data["points"]}
            del data["points"]
        return data

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.min_points > self.max_points:
            raise ValueError("min_points 가 max_points 보다 큽니다.")
        if self.min_points < 0 < self.max_points:
            raise ValueError("한 항목은 가점이거나 감점이어야 합니다 (0을 사이에 둘 수 없음).")
        if self.min_points == 0 == self.max_points:
            raise ValueError("0점뿐인 항목은 둘 수 없습니다.")
        return self

    @property
    def is_deduction(self) -> bool:
        return self.max_points < 0


class EarnerRules(_Strict):
    """Who may earn: grade numbers count down (9급 is the lowest), so '6급 이하' is grade ≥ 6."""

    max_grade: int = Field(default=6, ge=1, le=9, description="적립 가능한 가장 높은 직급 번호 (6 = 6급 이하)")
    team_leaders_allowed: bool = Field(default=True, description="팀장도 적립할 수 있는지")
    team_leader_max_grade: int | None = Field(default=6, ge=1, le=9,
                                              description="적립 가능한 팀장의 가장 높은 직급 번호 (null = 제한 없음)")
    employment_types: list[str] = Field(default=["일반직"], min_length=1, description="적립 가능한 고용 형태")
    ungraded_allowed: bool = Field(default=False, description="직급이 없는 직원(공무직 등)도 적립할 수 있는지")


class GrantorRules(_Strict):
    roles: list[Literal["dept_head"]] = Field(default=["dept_head"], min_length=1, description="부여할 수 있는 역할")
    deputies_allowed: bool = Field(default=False,
                                   description="부서장이 지정한 직무대리가 지정 기간 중 부서장처럼 부여할 수 있는지")
    act_window_days: int | None = Field(default=None, ge=1, le=3660,
                                        description="행위 후 며칠 안에 부여해야 하는지 (null = 제한 없음)")


class Approval(_Strict):
    own_office_grants_by: Literal["approver", "panel"] = Field(
        default="approver",
        description="승인 부서(offices.duties의 mileage.approver) 소속 직원에 대한 부여를 누가 승인·반려하는지: "
                    "approver = 승인 부서 (같은 부서 동료가 승인), panel = 평가단만 (승인 부서는 못 함)")


class CapLimits(_Strict):
    month: int | None = Field(default=None, ge=1, description="월 한도 (null = 없음)")
    half: int | None = Field(default=None, ge=1, description="반기 한도 (null = 없음)")
    year: int | None = Field(default=None, ge=1, description="연 한도 (null = 없음)")


class Caps(_Strict):
    person: CapLimits = CapLimits()
    department: CapLimits = CapLimits()


class Reward(_Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,30}$")
    name: str = Field(min_length=2)
    points: int = Field(ge=1, description="필요 점수")
    kind: Literal["voucher", "leave", "cash"]
    days: float | None = Field(default=None, gt=0, description="휴가 일수 (kind=leave)")
    won: int | None = Field(default=None, ge=0, description="금액 (원) — 현금은 지급액, 상품권은 액면가")

    @model_validator(mode="after")
    def _kind_fields(self) -> Self:
        if self.kind == "leave" and not self.days:
            raise ValueError("휴가 보상에는 days 가 필요합니다.")
        if self.kind == "cash" and not self.won:
            raise ValueError("현금 보상에는 won 이 필요합니다.")
        return self


class Redemption(_Strict):
    min_balance: int = Field(default=0, ge=0, description="사용 신청에 필요한 최소 잔액")
    point_value_won: int | None = Field(
        default=None, ge=1, description="1점의 값 (원). 있으면 상품권·현금 보상의 won 은 points × 이 값이어야 함")
    rewards: list[Reward] = Field(default=[])
    yearly_ceiling_points: int | None = Field(default=None, ge=1, description="1인 연간 사용 한도 (점수)")
    yearly_ceiling_won: int | None = Field(default=None, ge=1, description="1인 연간 사용 한도 (원)")
    vendor_resend_after_hours: int = Field(default=24, ge=1, le=720,
                                           description="상품권 발급처가 이 시간 안에 답하지 않으면 요청을 다시 보냄")

    @model_validator(mode="after")
    def _unique(self) -> Self:
        codes = [r.code for r in self.rewards]
        if len(codes) != len(set(codes)):
            raise ValueError("보상 코드가 중복되었습니다.")
        if self.point_value_won:
            off = [f"{r.code} ({r.points}점, {r.won}원)" for r in self.rewards
                   if r.kind != "leave" and r.won is not None and r.won != r.points * self.point_value_won]
            if off:
                raise ValueError(f"1점 = {self.point_value_won}원과 맞지 않는 보상입니다: {', '.join(off)}")
        return self

    def reward(self, code: str) -> Reward | None:
        return next((r for r in self.rewards if r.code == code), None)


class Phase(_Strict):
    starts: date = Field(description="이 날 이후의 행위부터")
    departments: list[str] | None = Field(
        default=None, description="참여 부서 코드 (null = 모든 부서)", min_length=1)


class Expiry(_Strict):
    policy: Literal["year_end"] = "year_end"
    carry_over_years: int = Field(default=0, ge=0, le=5, description="연말 소멸 전 이월 연수 (0 = 그해 말 소멸)")


class EventRule(_Strict):
    source: str = Field(pattern=r"^jeokgeuk\.[a-z_]+$")
    detail_type: str = Field(pattern=r"^[A-Z][A-Za-z]+$")
    item_code: str
    points: int
    employee_field: str = Field(default="employee_no", description="data 안의 직원번호 필드")
    ref_field: str | None = Field(default=None, description="data 안의 행위 식별 번호 필드 (예: 컨설팅 번호) — "
                                                            "같은 행위는 한 번만 인정; 없으면 이벤트 ID")
    title: str | None = Field(default=None, min_length=2, max_length=200,
                              description="제안서의 행위 제목 (없으면 항목 이름)")


class Review(_Strict):
    """평가단 부서별 점검표의 경고 기준."""

    concentration_percent: int = Field(default=40, ge=1, le=100,
                                       description="한 사람이 부서 승인 점수의 이 비율(%) 이상이면 '집중' 경고")
    concentration_min_grants: int = Field(default=5, ge=1, description="'집중' 경고를 보는 최소 부여 건수")
    near_cap_percent: int = Field(default=90, ge=1, le=100,
                                  description="개인·부서 한도의 이 비율(%) 이상이면 '한도 근접' 경고")


class MileageSection(_Strict):
    items: list[MileageItem] = Field(min_length=1)
    earners: EarnerRules = EarnerRules()
    grantors: GrantorRules = GrantorRules()
    approval: Approval = Approval()
    evidence: Evidence = Field(default_factory=Evidence)
    caps: Caps = Caps()
    redemption: Redemption = Redemption()
    expiry: Expiry = Expiry()
    event_rules: list[EventRule] = Field(default=[])
    review: Review = Review()
    participation: list[Phase] = Field(
        default=[], description="시범 운영 단계: 단계마다 시작일과 참여 부서 (비어 있으면 모든 부서, 언제나)")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        codes = [i.code for i in self.items]
        if len(codes) != len(set(codes)):
            raise ValueError("항목 코드가 중복되었습니다.")
        for rule in self.event_rules:
            item = self.item(rule.item_code)
            if item is None:
                raise ValueError(f"이벤트 규칙의 항목 코드가 없습니다: {rule.item_code}")
            if not item.min_points <= rule.points <= item.max_points:
                raise ValueError(f"이벤트 규칙 점수가 항목 범위를 벗어납니다: {rule.item_code}")
        starts = [phase.starts for phase in self.participation]
        if starts != sorted(set(starts)):
            raise ValueError("참여 단계(participation)는 시작일 순서로, 시작일이 겹치지 않게 적어야 합니다.")
        return self

    def phase_on(self, day: date) -> Phase | None:
        """The participation phase an act of `day` falls in (None: before the programme started here)."""
        if not self.participation:
            return Phase(starts=date.min)
        return next((p for p in reversed(self.participation) if p.starts <= day), None)

    def item(self, code: str) -> MileageItem | None:
        return next((i for i in self.items if i.code == code), None)
