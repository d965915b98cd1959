"""A county's policy: one YAML file per county in `infra/counties/<code>.yaml`, validated by this model.

The deploy step renders the validated file to JSON and ships it in the county's configuration layer
(`/opt/county/config.json`); functions load it once, lazily, from `COUNTY_CONFIG_PATH`. Sections for the areas are
added here as the areas arrive; every number that differs between counties lives in this file, not in code.
"""

from __future__ import annotations

import json
import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from common.county_committee import CommitteeSection, missing_periods
from common.county_complaints import ComplaintsSection
from common.county_consulting import ConsultingConfig
from common.county_mileage import MileageSection
from common.county_residents import ResidentsSection
from common.county_selection import SelectionSection
from common.offices import OFFICES, OfficesSection
from common.statutory import ClockSection

DEFAULT_CONFIG_PATH = "/opt/county/config.json"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DirectorySection(Strict):
    """What the staff directory accepts from the HR export."""

    employment_types: list[str] = Field(
        default=["일반직", "공무직", "임기제", "계약직", "별정직", "기간제"], min_length=1)
    department_kinds: list[str] = Field(default=["본청", "읍면동", "직속기관", "사업소", "의회"], min_length=1)
    cognito_invite: bool = Field(default=False, description="가져온 직원에게 Cognito 초대 메일을 보낼지")
    max_leavers_without_confirm: int = Field(
        default=10, ge=0,
        description="전체 명부 한 번에 확인 없이 퇴직 처리할 수 있는 최대 인원 (넘으면 confirm_leavers 필요)")
    max_leavers_percent_without_confirm: float | None = Field(
        default=None, ge=0, le=100, description="같은 한도를 재직자 대비 %로도 (둘 다 있으면 작은 쪽; null이면 인원만)")
    powerful_roles: list[str] = Field(
        default=["admin", "audit", "hr"], min_length=1,
        description="부여·회수가 이벤트로 남고 감사부서에 공개되는 강한 역할 (admin은 늘 포함)")
    powerful_role_grants_need_second_admin: bool = Field(
        default=False, description="true: 강한 역할 부여는 다른 관리자가 확인해야 효력 (POST .../confirm)")

    @field_validator("powerful_roles")
    @classmethod
    def _known_roles(cls, value: list[str]) -> list[str]:
        assignable = {"dept_head", "committee", "admin", *(office.value for office in OFFICES)}
        if unknown := sorted(set(value) - assignable):
            raise ValueError(f"지정할 수 없는 역할입니다: {', '.join(unknown)} (허용: {', '.join(sorted(assignable))})")
        if "admin" not in value:
            raise ValueError("admin은 강한 역할에서 뺄 수 없습니다.")
        return sorted(set(value))


class LimitRule(Strict):
    requests: int = Field(ge=1, description="한 출처(IP)가 창 하나에 보낼 수 있는 요청 수")
    window_seconds: int = Field(ge=1, le=86_400, description="창 길이 (초)")


class LimitsSection(Strict):
    """Per-source limits by rule name (`common.ratelimit.rate_limited("<rule>")`); the stage throttle is separate."""

    public_write: LimitRule = LimitRule(requests=5, window_seconds=600)
    resident_write: LimitRule = LimitRule(requests=30, window_seconds=60)
    public_read: LimitRule = LimitRule(requests=120, window_seconds=60)
    max_json_body_kb: int = Field(default=256, ge=1, le=6 * 1024, description="JSON 본문 최대 크기 (KB; 파일 제외)")


class CountyConfig(Strict):
    code: str = Field(pattern=r"^[a-z][a-z0-9-]{1,30}$", description="스택 이름에 쓰는 영문 코드")
    name: str = Field(min_length=2, description="지자체 이름 (예: 서울특별시 중구)")
    timezone: str = "Asia/Seoul"
    extra_closed_days: list[date] = Field(
        default=[], description="공휴일 외 지자체 휴무일 (예: 군민의 날): 청사 운영에만, 법정 기간에는 영향 없음")
    clock: ClockSection = Field(default=ClockSection(), description="근무시간, 임시공휴일, 이름별 법정 기간")
    directory: DirectorySection = DirectorySection()
    offices: OfficesSection = Field(default=OfficesSection(), description="업무별 담당 직위 (common.offices)")
    mileage: MileageSection | None = Field(default=None, description="적극행정 마일리지 (없으면 사용하지 않음)")
    residents: ResidentsSection = Field(default=ResidentsSection(), description="주민 참여: 본인 확인 수준, 보관 기간")
    committee: CommitteeSection | None = Field(default=None, description="적극행정위원회 (없으면 사용하지 않음)")
    complaints: ComplaintsSection | None = Field(default=None, description="소극행정 신고센터 (없으면 사용하지 않음)")
    selection: SelectionSection | None = Field(default=None, description="우수공무원 선발 (없으면 사용하지 않음)")
    consulting: ConsultingConfig = Field(default=None, description="사전컨설팅·의견제시·면책 (없으면 사용 안 함)")
    limits: LimitsSection = Field(default=LimitsSection(), description="출처(IP)별 요청 한도 (common.ratelimit)")

    @field_validator("timezone")
    @classmethod
    def _seoul_only(cls, value: str) -> str:
        if value != "Asia/Seoul":
            raise ValueError("시간대는 Asia/Seoul 이어야 합니다 (법정 기한 계산 기준).")
        return value

    @model_validator(mode="after")
    def _committee_periods(self) -> CountyConfig:
        if self.committee and (missing := missing_periods(self.committee, set(self.clock.periods))):
            raise ValueError("; ".join(missing))
        return self


class CountyConfigError(Exception):
    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def describe(error: ValidationError) -> list[str]:
    return [f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()]


def parse_county(data: Any, source: str = "county config") -> CountyConfig:
    try:
        return CountyConfig.model_validate(data)
    except ValidationError as error:
        raise CountyConfigError(source, describe(error)) from error


def load_county_file(path: str | Path) -> CountyConfig:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        import yaml  # only the deploy/validate tools and local mode read YAML; Lambda reads JSON

        data = yaml.safe_load(text)
    else:
        data = json.loads(text)
    return parse_county(data, str(path))


@lru_cache(maxsize=1)
def county() -> CountyConfig:
    """The running county's configuration (cached for the life of the process)."""
    return load_county_file(os.environ.get("COUNTY_CONFIG_PATH", DEFAULT_CONFIG_PATH))
