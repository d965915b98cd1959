"""The county file's `residents` section: how sure the county must be of who a resident is, per feature, and how long
each feature keeps a resident's personal data.

Verification levels, weakest first: `none` (any signed-in resident), `email` and `phone` (the sign-in's verified
contact: Cognito confirms it at sign-up), `real_name` (본인인증 through a certified provider, checked by the residents'
pool's pre-sign-up trigger). Below `real_name` one person can hold several accounts: a feature that counts people (one
nomination, one ballot) counts accounts, and says so in its docs.
"""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Verification(StrEnum):
    NONE = "none"
    EMAIL = "email"
    PHONE = "phone"
    REAL_NAME = "real_name"


class ResidentFeature(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    verification: Verification = Field(default=Verification.EMAIL, description="이 기능에 필요한 본인 확인 수준")
    retention_days: int = Field(ge=1, le=3650, description="주민의 개인정보를 보관하는 기간 (일)")
    keeps: str = Field(min_length=1, max_length=200, description="주민에게 알리는 보관 항목")


class ResidentsSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    profile_retention_days: int = Field(
        default=1095, ge=1, le=3650, description="연락처·알림 동의를 마지막 이용 후 보관하는 기간 (일)")
    nomination: ResidentFeature = ResidentFeature(retention_days=365, keeps="추천한 공무원, 추천 사유")
    ballot: ResidentFeature = ResidentFeature(retention_days=365, keeps="투표 참여 여부 (선택 내용은 계정과 분리)")
    complaint: ResidentFeature = ResidentFeature(retention_days=1095, keeps="신고 내용, 처리 결과 통지 연락처")

    def features(self) -> dict[str, ResidentFeature]:
        return {"nomination": self.nomination, "ballot": self.ballot, "complaint": self.complaint}

    def requires_real_name(self) -> list[str]:
        """The features whose county requires 본인인증 (sign-up then needs the verification port)."""
        return [name for name, feature in self.features().items() if feature.verification == Verification.REAL_NAME]
