"""The county's active-administration committee (적극행정위원회): its composition rules, sittings, quorum, votes,
recusal ties and the clock periods its items run on.

The decree (지방공무원 적극행정 운영규정 §11) sets the defaults here: 9–45 members with the chair, civilians at least
half, the audit head a member, the chair the deputy head or a civilian; a meeting sits with the chair and at least 8
designated members, half of them civilian; the quorum is a majority of the sitting and a resolution a majority of those
present. Where the personnel committee acts as the committee (지방공무원법 §75의2②, Goseong: 8 members), the county
says so and the size rules relax; experts are then heard per item (§10②). Every number stays configurable.
"""

from fractions import Fraction
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ChairKind = Literal["deputy_head", "civilian"]
AutomaticTie = Literal["party_department"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use (cold starts)


class Threshold(_Strict):
    """A share of a whole: `more_than` 1/2 is 과반수 (exactly half fails), `at_least` 1/2 is 2분의 1 이상 (exactly half
    passes). Write one of the two, as a fraction (`more_than: 1/2`, `at_least: 2/3`)."""

    more_than: str | None = Field(default=None, description="이 비율을 넘어야 함 (예: \"1/2\" = 과반수)")
    at_least: str | None = Field(default=None, description="이 비율 이상이어야 함 (예: \"1/2\" = 2분의 1 이상)")

    @field_validator("more_than", "at_least", mode="before")
    @classmethod
    def _fraction(cls, value: object) -> object:
        if value is None:
            return None
        try:
            share = Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"비율은 \"1/2\"처럼 적어 주세요: {value}") from None
        if not 0 < share <= 1:
            raise ValueError(f"비율은 0보다 크고 1 이하여야 합니다: {value}")
        return str(share)

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.more_than is None) == (self.at_least is None):
            raise ValueError("more_than 과 at_least 중 하나만 적어 주세요.")
        return self

    @property
    def share(self) -> Fraction:
        return Fraction(self.more_than or self.at_least or "0")

    @property
    def strict(self) -> bool:
        return self.more_than is not None

    def reached(self, count: int, whole: int) -> bool:
        """Whether `count` of `whole` reaches the share (exact arithmetic: 4 of 8 is exactly half). Nothing of an
        empty whole reaches anything."""
        if whole <= 0:
            return False
        ratio = Fraction(count, whole)
        return ratio > self.share if self.strict else ratio >= self.share

    def needed(self, whole: int) -> int:
        """The smallest count of `whole` that reaches the share (0 when the whole is empty)."""
        return next((n for n in range(whole + 1) if self.reached(n, whole)), whole + 1) if whole > 0 else 0

    def label_ko(self) -> str:
        share = self.share
        if share == Fraction(1, 2):
            return "과반수" if self.strict else "2분의 1 이상"
        return f"{share.denominator}분의 {share.numerator} {'초과' if self.strict else '이상'}"


HALF_OR_MORE = Threshold(at_least="1/2")
MAJORITY = Threshold(more_than="1/2")


class Composition(_Strict):
    """Who the committee is (P1 §11①②)."""

    min_members: int = Field(default=9, ge=1, description="위원장을 포함한 최소 위원 수")
    max_members: int = Field(default=45, ge=1, description="위원장을 포함한 최대 위원 수")
    civilian_share: Threshold = Field(default=HALF_OR_MORE, description="민간위원 비율 (위원장 포함 전체 대비)")
    audit_head_member: bool = Field(default=True, description="감사기구의 장이 위원이어야 하는지 (2025 개정)")
    min_gender_share: Threshold | None = Field(
        default=Threshold(at_least="2/5"),
        description="어느 한 성별도 이 비율 아래로 내려가지 않아야 함 (null = 확인 안 함)")
    gender_balance_of: Literal["civilian", "all"] = Field(
        default="civilian",
        description="성별 균형을 볼 위원: civilian = 위촉(민간)위원 (양성평등기본법 §21②), all = 전체")
    chair_kinds: list[ChairKind] = Field(
        default=["deputy_head", "civilian"], min_length=1, description="위원장이 될 수 있는 사람: 부단체장, 민간위원")

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.min_members > self.max_members:
            raise ValueError("min_members 가 max_members 보다 큽니다.")
        return self


class SittingRules(_Strict):
    """Who sits on a meeting (P1 §11⑤): the chair plus designated members, with a civilian share."""

    min_designated: int = Field(default=8, ge=1, description="위원장 외에 지정해야 하는 최소 위원 수")
    civilian_share: Threshold = Field(default=HALF_OR_MORE,
                                      description="민간위원 비율 (위원장을 포함한 회의 구성 대비)")


class Recusal(_Strict):
    """제척 the system applies by itself: a member who is a party always; the ties listed here as well."""

    automatic_ties: list[AutomaticTie] = Field(
        default=["party_department"], description="자동 제척 관계: party_department = 당사자와 같은 부서의 위원")


class Periods(_Strict):
    """Names of `clock.periods` the committee's items run on (common.statutory: never computed here)."""

    opinion_request: str = Field(default="committee_opinion", description="의견제시 요청의 답변 기간 (30일)")
    audit_head_opinion: str = Field(default="audit_head_opinion", description="감사기구의 장 의견 (10일, 한 번 연장)")
    written_vote: str = Field(default="committee_written_vote", description="서면회의 의결서 회신 기간")

    def names(self) -> dict[str, str]:
        return {"opinion_request": self.opinion_request, "audit_head_opinion": self.audit_head_opinion,
                "written_vote": self.written_vote}


class CommitteeSection(_Strict):
    """County file `committee`."""

    personnel_committee_acts: bool = Field(
        default=False, description="인사위원회가 적극행정위원회 기능을 대행 (지방공무원법 §75의2②): 인원 기준 완화, "
                                   "안건마다 전문가 의견 청취 기록")
    composition: Composition = Composition()
    regular_meetings_per_year: int = Field(default=3, ge=0, le=24, description="연간 정기회의 횟수")
    sitting: SittingRules = SittingRules()
    quorum: Threshold = Field(default=MAJORITY, description="개의: 회의 구성 위원(제척 등 제외) 대비 출석")
    passing: Threshold = Field(default=MAJORITY, description="의결: 출석 위원 대비 찬성")
    abstentions_count: bool = Field(
        default=True, description="기권도 출석으로 셈 (true: 기권은 찬성이 아님; false: 찬반 투표수만 분모)")
    recusal: Recusal = Recusal()
    periods: Periods = Periods()

    @property
    def experts_heard_per_item(self) -> bool:
        """P1 §10②: a personnel committee acting as the committee hears experts on each item."""
        return self.personnel_committee_acts


def missing_periods(section: CommitteeSection, period_names: set[str]) -> list[str]:
    """The committee's period names the county file's `clock.periods` does not define."""
    return [f"committee.periods.{key}: clock.periods 에 '{name}' 기간이 없습니다."
            for key, name in section.periods.names().items() if name not in period_names]
