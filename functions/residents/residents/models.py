"""Request and response bodies of the residents' API (OpenAPI descriptions in Korean)."""

from datetime import datetime
from typing import Literal

from pydantic import Field

from common.bodies import Body, RequestBody


class ContactIn(RequestBody):
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                              description="알림을 받을 이메일 (선택)")
    phone: str | None = Field(default=None, pattern=r"^01[016789][0-9]{7,8}$",
                              description="알림을 받을 휴대전화 번호, 숫자만 (선택)")
    notify_by: Literal["none", "email", "sms"] = Field(default="none", description="알림 방법")
    consent: bool = Field(description="연락처 수집·이용 동의 (false: 연락처를 지웁니다)")


class Contact(Body):
    email: str | None = Field(description="알림 이메일")
    phone: str | None = Field(description="알림 휴대전화")
    notify_by: str = Field(description="알림 방법: none, email, sms")
    retention_days: int = Field(description="마지막 이용 후 보관 기간 (일)")
    erase_at: datetime | None = Field(description="더 이용하지 않으면 연락처·동의를 지우는 때 (없으면 null)")
    erased_at: datetime | None = Field(description="보관 기간이 지나 연락처·동의를 지운 때")


class Consent(Body):
    given: bool
    given_at: datetime | None = Field(description="동의한 때")


class FeatureData(Body):
    feature: str = Field(description="nomination (우수공무원 추천), ballot (투표), complaint (소극행정 신고)")
    keeps: str = Field(description="보관하는 항목")
    retention_days: int = Field(description="보관 기간 (일)")
    verification: str = Field(description="필요한 본인 확인 수준: none, email, phone, real_name")


class ResidentOut(Body):
    """지자체가 이 주민에 대해 가진 개인정보와 보관 기간."""

    resident_id: str = Field(description="주민 식별자 (로그인의 불투명 id)")
    status: str
    created_at: datetime
    last_used_at: datetime | None = Field(description="마지막으로 이용한 날의 첫 이용 시각")
    sign_in: dict[str, str] = Field(description="로그인 계정의 연락처 (인증된 이메일 또는 휴대전화)")
    contact: Contact
    consent: Consent
    features: list[FeatureData]
