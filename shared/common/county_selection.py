"""The county file's `selection` section: how the county selects its excellent active-administration officials
(적극행정 우수공무원) and what the selected receive.

The decree (지방공무원 적극행정 운영규정 §13, §14) as amended on 2025-12-30 asks for at least one selection a year from
2026 (half-yearly before); a county may run more rounds (Goseong: H1 and H2, about 5 each, seed 004 Ⅳ). Each selected
official gets at least one of the eight personnel incentives of §14① — only 공무원 can receive them: 공무직 and contract
staff get the citation and the prize money — and a share of them (Goseong: half) an exceptional one (파격적).
Every number here is the county's; the defaults are the decree's and Goseong's.
"""

import itertools
from datetime import date
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from common.county_committee import HALF_OR_MORE, Threshold

Channel = Literal["resident", "department", "contest"]
Bloc = Literal["dept_heads", "residents"]
NOT_SELECTED = "not_selected"  # the committee's option for a shortlisted candidate who gets no tier


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use (cold starts)


def _month_day(value: str) -> tuple[int, int]:
    month, day = (int(part) for part in value.split("-"))
    date(2028, month, day)  # a real day of a (leap) year
    return month, day


class Window(_Strict):
    """From and to (inclusive), as MM-DD within the cycle's year."""

    starts: str = Field(pattern=r"^\d{2}-\d{2}$", description="시작일 (MM-DD)")
    ends: str = Field(pattern=r"^\d{2}-\d{2}$", description="종료일 (MM-DD, 그날 포함)")

    @model_validator(mode="after")
    def _order(self) -> Self:
        try:
            if _month_day(self.starts) > _month_day(self.ends):
                raise ValueError(f"시작일({self.starts})이 종료일({self.ends})보다 늦습니다.")
        except (TypeError, ValueError) as error:
            raise ValueError(str(error)) from None
        return self

    def dates(self, year: int) -> tuple[date, date]:
        return date(year, *_month_day(self.starts)), date(year, *_month_day(self.ends))


class CycleSchedule(_Strict):
    """One round of a year: its code (the cycle is `<year>-<code>`), phase windows and planned number."""

    code: str = Field(pattern=r"^[A-Z0-9]{1,4}$", description="회차 코드 (예: Y, H1, H2)")
    name: str = Field(min_length=1, max_length=40, description="회차 이름 (예: 상반기)")
    nomination: Window = Field(description="추천 기간")
    vote: Window = Field(description="투표 기간 (예비심사는 추천 종료 다음 날부터 투표 시작 전날까지)")
    planned: int = Field(ge=1, le=100, description="선발 예정 인원 (목표, 상한 아님: '5명 내외')")
    contest_export: bool = Field(
        default=False, description="이 회차의 수상 사례를 범정부 적극행정 경진대회(행안부)에 제출하는지 (예: 하반기)")

    @model_validator(mode="after")
    def _review_between(self) -> Self:
        if _month_day(self.nomination.ends) >= _month_day(self.vote.starts):
            raise ValueError("투표는 추천 기간이 끝난 뒤(예비심사 후)에 시작해야 합니다.")
        return self


class Tier(_Strict):
    """A grade the committee gives, with its benefits (Goseong: 최우수 근평 가점 1.0, ₩300,000, 포상휴가 3일)."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,20}$", description="등급 코드 (위원회 선택지)")
    name: str = Field(min_length=1, max_length=20, description="등급 이름 (예: 최우수)")
    rating_points: float = Field(default=0, ge=0, le=5, description="근무성적평정 가점")
    prize_won: int = Field(default=0, ge=0, le=10_000_000, description="시상금 (원)")
    leave_days: int = Field(default=0, ge=0, le=30, description="포상휴가 (일)")

    @field_validator("code")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value == NOT_SELECTED:
            raise ValueError(f"'{NOT_SELECTED}'은(는) 위원회의 '선발하지 않음' 선택지로 예약된 코드입니다.")
        return value


class Incentive(_Strict):
    """One of the personnel incentives of decree §14① (1–8), and whether this county counts it exceptional."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    name: str = Field(min_length=1, max_length=40)
    exceptional: bool = Field(default=False, description="파격적 인센티브로 보는지")


DEFAULT_INCENTIVES = [
    Incentive(code="special_promotion", name="특별승진", exceptional=True),
    Incentive(code="special_step", name="특별승급", exceptional=True),
    Incentive(code="top_performance_grade", name="성과상여금 최고등급", exceptional=True),
    Incentive(code="reward_leave", name="포상휴가"),
    Incentive(code="senior_period_cut", name="대우공무원 필요 근무기간 단축"),
    Incentive(code="rating_points", name="근무성적평정 가점"),
    Incentive(code="seniority_promotion_cut", name="근속승진 기간 단축", exceptional=True),
    Incentive(code="other", name="기타 (희망 보직, 교육훈련 우선 등)"),
]


class Exclusions(_Strict):
    """Who cannot be selected (예비심사 제외대상), each applied with its reason."""

    passive_administration: bool = Field(
        default=True, description="소극행정 확인 (소극행정 신고센터의 확정 이벤트, 그 효력 종료일까지)")
    caution_warning_days: int = Field(default=365, ge=0, le=3650, description="주의·경고 후 이 기간 (일) 제외")
    discipline_days: int = Field(default=1095, ge=0, le=3650, description="징계 후 이 기간 (일) 제외")
    previous_cycle_award: bool = Field(default=True, description="직전 회차 수상자 제외")


class Voting(_Strict):
    """The vote before the committee: blocs and their weights (percent), ballots, counters."""

    weights: dict[Bloc, int] = Field(default={"dept_heads": 50, "residents": 50},
                                     description="투표 집단별 반영 비율 (%, 합 100): 부서장, 주민")
    choices_per_ballot: int = Field(default=3, ge=1, le=50, description="투표 한 장에 고를 수 있는 후보 수 (최대)")
    heads_vote_own_department: bool = Field(default=False, description="부서장이 자기 부서 후보에게 투표할 수 있는지")
    shortlist_multiplier: int = Field(default=2, ge=1, le=10, description="선발 예정 인원의 몇 배수를 위원회에 올릴지")
    counter_shards: int = Field(default=10, ge=1, le=100,
                                description="후보별 득표 카운터의 조각 수 (동시 투표가 한 항목에 몰리지 않게)")

    @field_validator("weights")
    @classmethod
    def _sum(cls, value: dict[str, int]) -> dict[str, int]:
        if any(w < 0 for w in value.values()) or sum(value.values()) != 100:
            raise ValueError(f"반영 비율은 0 이상이고 합이 100이어야 합니다 (지금 {sum(value.values())}).")
        return value


class DepartmentTier(_Strict):
    """A grade of the excellent-case / excellent-department award (우수사례·우수부서: seed 002) and what the winning
    department receives."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,20}$", description="등급 코드 (위원회 선택지)")
    name: str = Field(min_length=1, max_length=20, description="등급 이름 (예: 최우수)")
    prize_won: int = Field(default=0, ge=0, le=100_000_000, description="부서 시상금 (원)")
    benefits: str = Field(default="", max_length=200, description="그 밖의 특전 (예: 부서 평가 가점)")

    @field_validator("code")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        return Tier._not_reserved(value)


class DepartmentAwards(_Strict):
    """The county's own case contest (우수사례 경진대회) with a department as the nominee: the same cycle, review and
    committee as the officials', no vote (the contest or the unit's review ranks them)."""

    enabled: bool = Field(default=False, description="우수사례·우수부서 시상을 하는지")
    planned: int = Field(default=3, ge=1, le=50, description="회차별 선정 예정 부서 수 (목표, 상한 아님)")
    tiers: list[DepartmentTier] = Field(default=[], description="등급과 시상금·특전")
    channels: list[Literal["contest", "department"]] = Field(
        default=["contest", "department"], min_length=1,
        description="추천 경로: 경진대회 결과(전담부서 입력), 부서장이 자기 부서 사례 제출")

    @model_validator(mode="after")
    def _tiers(self) -> Self:
        codes = [t.code for t in self.tiers]
        if len(set(codes)) != len(codes):
            raise ValueError("department_awards.tiers: 코드가 겹칩니다.")
        if self.enabled and not self.tiers:
            raise ValueError("department_awards: 시상을 하려면 등급(tiers)이 하나 이상 있어야 합니다.")
        return self

    def tier(self, code: str) -> DepartmentTier | None:
        return next((t for t in self.tiers if t.code == code), None)


class Criterion(_Strict):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    name: str = Field(min_length=1, max_length=40)


class SelectionSection(_Strict):
    cycles: list[CycleSchedule] = Field(
        default=[CycleSchedule(code="Y", name="연간", nomination=Window(starts="09-01", ends="09-30"),
                               vote=Window(starts="10-15", ends="10-31"), planned=10)],
        min_length=1, description="한 해의 선발 회차 (2026년부터 연 1회 이상)")
    scheduled_from: int = Field(default=2026, ge=2020, le=2100, description="이 해부터 회차를 일정대로 만듦")
    tiers: list[Tier] = Field(min_length=1, description="등급과 특전 (위원회가 후보마다 고르는 선택지)")
    incentives: list[Incentive] = Field(default=DEFAULT_INCENTIVES, min_length=1,
                                        description="인사상 인센티브 (운영규정 §14①, 파격적 여부)")
    exceptional_share: Threshold = Field(default=HALF_OR_MORE,
                                         description="선발 인원 중 파격적 인센티브를 받아야 하는 비율")
    eligible_employment_types: list[str] = Field(
        default=["일반직", "공무직", "임기제", "계약직", "별정직", "기간제"], min_length=1,
        description="추천·선발될 수 있는 고용 형태 (고성군: 공무직·계약직 포함 전원)")
    personnel_incentive_types: list[str] = Field(
        default=["일반직", "임기제", "별정직"], min_length=1,
        description="인사상 인센티브를 받을 수 있는 고용 형태 (공무원만; 나머지는 상장·시상금)")
    exclusions: Exclusions = Exclusions()
    criteria: list[Criterion] = Field(min_length=1, description="선발 기준")
    channels: list[Channel] = Field(default=["resident", "department", "contest"], min_length=1,
                                    description="추천 경로: 주민, 부서장, 경진대회 수상자(전담부서 입력)")
    voting: Voting = Voting()
    flagship_task_choices: int = Field(
        default=1, ge=1, le=8,
        description="적극행정 중점과제의 주담당자가 스스로 고르는 인사상 인센티브 수 (노원구: 2종)")
    department_awards: DepartmentAwards = Field(
        default=DepartmentAwards(), description="우수사례·우수부서 시상 (부서가 대상, 같은 회차·심사·위원회)")
    incentive_grant_period: str = Field(
        default="selection_incentive_grant",
        description="인사부서의 인센티브 부여 기간 (clock.periods 의 이름): 부여 요청부터 모두 부여할 때까지")
    home_body_notice_period: str = Field(
        default="selection_home_body_notice",
        description="파견 공무원 수상자의 원소속 기관 통보 기간 (clock.periods 의 이름, 운영규정 §20): 위원회 의결부터")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = []
        for field_name, values in (("cycles", [c.code for c in self.cycles]), ("tiers", [t.code for t in self.tiers]),
                                   ("incentives", [i.code for i in self.incentives]),
                                   ("criteria", [c.code for c in self.criteria])):
            if len(set(values)) != len(values):
                problems.append(f"{field_name}: 코드가 겹칩니다.")
        windows = sorted((_month_day(c.nomination.starts), _month_day(c.vote.ends)) for c in self.cycles)
        if any(later[0] <= earlier[1] for earlier, later in itertools.pairwise(windows)):
            problems.append("cycles: 회차의 기간(추천 시작~투표 종료)이 겹칩니다.")
        if not any(i.exceptional for i in self.incentives):
            problems.append("incentives: 파격적 인센티브가 하나도 없으면 exceptional_share 를 채울 수 없습니다.")
        if stray := sorted(set(self.personnel_incentive_types) - set(self.eligible_employment_types)):
            problems.append(f"personnel_incentive_types: 선발 대상이 아닌 고용 형태입니다: {', '.join(stray)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def cycle(self, code: str) -> CycleSchedule | None:
        return next((c for c in self.cycles if c.code == code), None)

    def tier(self, code: str) -> Tier | None:
        return next((t for t in self.tiers if t.code == code), None)
