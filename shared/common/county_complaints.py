"""The county file's `complaints` section: the passive-administration reporting centre (소극행정 신고센터).

Whether anonymous reports are taken and whether their sender may follow the case (an anonymous sender is not a
민원인: no statutory period runs for them), attachment limits, which `clock.periods` each petition type runs on
(민원처리법 시행령 §14: 고충 7 days plus an uncounted field investigation, 질의 7/14, 건의 14, 기타 즉시), the field
investigation's limit (14 days, +7 once), how long each measure's consequences bar awards and nominations, the
receipt page's lockout and the statistics' suppression threshold. Every number here is the county's to change.
"""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class PetitionType(StrEnum):
    GRIEVANCE = "grievance"  # 고충민원
    INQUIRY_LAW = "inquiry_law"  # 질의민원 (법령)
    INQUIRY_OTHER = "inquiry_other"  # 질의민원 (기타)
    PROPOSAL = "proposal"  # 건의민원
    OTHER = "other"  # 기타민원 (즉시)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Attachments(_Strict):
    max_files: int = Field(default=5, ge=0, le=20, description="신고 하나에 붙일 수 있는 파일 수")
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1, le=100 * 1024 * 1024, description="파일 하나의 최대 크기")
    types: list[str] = Field(default=["application/pdf", "image/jpeg", "image/png"], min_length=1,
                             description="허용하는 파일 형식 (MIME)")


class PetitionPeriods(_Strict):
    """clock.periods names by petition type, and the period of the online intake acknowledgement."""

    intake_ack: str = "intake_ack"
    grievance: str = "grievance_answer"
    inquiry_law: str = "inquiry_law_answer"
    inquiry_other: str = "inquiry_other_answer"
    proposal: str = "proposal_answer"
    other: str = "immediate"

    def names(self) -> dict[str, str]:
        return self.model_dump()

    def of(self, petition_type: PetitionType) -> str:
        return str(getattr(self, petition_type.value))


class FieldInvestigation(_Strict):
    """고충민원 현지조사: not counted in the period, up to `max_days`, extended once by `extension_days`."""

    max_days: int = Field(default=14, ge=1, le=90)
    extension_days: int = Field(default=7, ge=0, le=90)


class Consequences(_Strict):
    """How many months each measure bars awards, overseas-training nominations and the like (`bars_until`);
    0: no bar (none, corrective processing)."""

    caution: int = Field(default=6, ge=0, le=60, description="주의: 포상·국외훈련 추천 제한 개월")
    warning: int = Field(default=12, ge=0, le=60, description="경고")
    discipline: int = Field(default=18, ge=0, le=60, description="징계 요구 (승진 제한 포함)")
    corrective: int = Field(default=0, ge=0, le=60, description="시정 처리")
    none: int = Field(default=0, ge=0, le=0)

    def months(self, measure: str) -> int:
        return int(getattr(self, measure))


class ReceiptLookup(_Strict):
    """The receipt page: after `max_failures` wrong secrets for one receipt it is locked for `lock_minutes`
    (besides the per-source limit `limits.public_read`)."""

    max_failures: int = Field(default=5, ge=1, le=100)
    lock_minutes: int = Field(default=30, ge=1, le=24 * 60)


class ComplaintsSection(_Strict):
    anonymous_allowed: bool = Field(default=True, description="익명 신고를 받는지")
    anonymous_may_follow: bool = Field(
        default=True, description="익명 신고자에게 접수번호·비밀번호를 주어 처리 상황을 보게 하는지 (결과 회신은 없음)")
    attachments: Attachments = Attachments()
    periods: PetitionPeriods = PetitionPeriods()
    field_investigation: FieldInvestigation = FieldInvestigation()
    consequences: Consequences = Consequences()
    receipt_lookup: ReceiptLookup = ReceiptLookup()
    statistics_min_count: int = Field(
        default=5, ge=1, le=100, description="통계에서 이보다 적은 건수는 가림 (부서 순위가 몇 건에 기대지 않게)")


def missing_periods(section: ComplaintsSection, period_names: set[str]) -> list[str]:
    return [f"complaints.periods.{key}: clock.periods 에 '{name}' 기간이 없습니다."
            for key, name in section.periods.names().items() if name not in period_names]
