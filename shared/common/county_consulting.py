"""Consulting (사전컨설팅, 의견제시, 사후 추인, 면책, 소송 지원): what differs between counties.

The decree (지방공무원 적극행정 운영규정 §5, §12, §15–17) and the audit law (공공감사법 시행령 §13의2–4) leave these to
the county: how long the audit office takes to answer a pre-consulting (no period is published: `[CFG]`), how long a
department has to complete a request (보완), whether the provincial audit body is the main path (Goseong: department →
감사법무팀 → 도 감사위원회) or only for serious or multi-body matters, who decides exemptions (the audit head, or a
면책심의회), and the litigation-support amounts (local rule; Goseong 2022-10-14). Periods are names of the county file's
`clock.periods` (common.statutory), never numbers here.
"""

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo

from common.county_evidence import Evidence


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use (cold starts)


class LitigationKind(StrEnum):
    DISCIPLINARY_EXPLANATION = "disciplinary_explanation"  # 징계 소명
    CRIMINAL_INVESTIGATION = "criminal_investigation"  # 기소 전 수사
    CRIMINAL_TRIAL = "criminal_trial"  # 형사 재판 (무죄 확정 후 지급)
    CIVIL_SUIT = "civil_suit"  # 민사 소송


class LitigationRule(_Strict):
    max_won: int = Field(ge=0, description="지원 한도 (원, 건당)")
    retired_eligible: bool = Field(default=False, description="퇴직 공무원도 지원 (운영규정 §17: 수사, 형사 재판)")
    after_final_acquittal: bool = Field(default=False, description="무죄 확정 후에만 지급 (형사 재판)")


DEFAULT_LITIGATION: dict[LitigationKind, LitigationRule] = {
    LitigationKind.DISCIPLINARY_EXPLANATION: LitigationRule(max_won=3_000_000),
    LitigationKind.CRIMINAL_INVESTIGATION: LitigationRule(max_won=5_000_000, retired_eligible=True),
    LitigationKind.CRIMINAL_TRIAL: LitigationRule(max_won=10_000_000, retired_eligible=True,
                                                  after_final_acquittal=True),
    LitigationKind.CIVIL_SUIT: LitigationRule(max_won=10_000_000),
}


class Periods(_Strict):
    """Names of `clock.periods` the consulting cases run on."""

    pre_consulting_answer: str = Field(default="pre_consulting_answer",
                                       description="사전컨설팅 의견 회신 기간 (보완 중에는 멈춤)")
    supplement: str = Field(default="consulting_supplement", description="보완 요청에 응할 기간 (신청 부서)")
    opinion_request: str = Field(default="committee_opinion", description="의견제시 요청: 접수부터 위원회 답변까지")
    bai_quarterly_report: str = Field(default="bai_quarterly_report",
                                      description="면책 결정의 감사원 분기 보고 (분기 종료 후 10일)")

    def names(self) -> dict[str, str]:
        return self.model_dump()


class ConsultingSection(_Strict):
    """County file `consulting`."""

    province_path: Literal["main", "when_serious"] = Field(
        default="when_serious",
        description="도 감사기구 이관: main = 모든 사전컨설팅이 도를 거침 (고성군), when_serious = 중대·다기관 사안만")
    province_body: str = Field(default="도 감사위원회", min_length=1, max_length=40,
                               description="이관받는 상급 감사기구")
    exemption_deciding_body: Literal["audit_head", "exemption_board"] = Field(
        default="audit_head",
        description="면책 결정: audit_head = 감사기구의 장, exemption_board = 면책심의회 (의결 번호 기록)")
    litigation_support: dict[LitigationKind, LitigationRule] = Field(
        default=DEFAULT_LITIGATION, description="소송 등 지원: 유형별 한도와 대상 (지자체 규칙)")
    evidence: Evidence = Field(default_factory=Evidence, description="첨부 파일: 허용 형식과 최대 크기 (서명된 업로드)")
    periods: Periods = Periods()


def _periods_defined(section: ConsultingSection | None, info: ValidationInfo) -> ConsultingSection | None:
    """Every period the section names is in `clock.periods` (validated before it in the county file)."""
    clock = info.data.get("clock")
    if section is None or clock is None:
        return section
    missing = [f"consulting.periods.{key}: clock.periods 에 '{name}' 기간이 없습니다."
               for key, name in section.periods.names().items() if name not in clock.periods]
    if missing:
        raise ValueError("; ".join(missing))
    return section


# the field's type in `CountyConfig`: the section, or none (this county runs no consulting), its periods checked
ConsultingConfig = Annotated[ConsultingSection | None, AfterValidator(_periods_defined)]
