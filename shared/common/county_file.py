"""The whole county file's model: every section at once, with the checks that span sections (a committee's periods
named in `clock.periods`). The county checker and the deploy step validate a county's file with it before it ships;
a running function reads its sections one at a time through `common.county.county()` and never imports this module
(it would import every area's section model: docs/decisions.md, cold starts)."""

from datetime import date
from pathlib import Path
from typing import Any, Self

from pydantic import Field, ValidationError, field_validator, model_validator

from common.county import CountyConfigError, DirectorySection, LimitsSection, Strict, describe, read_county_file
from common.county_committee import CommitteeSection, missing_periods
from common.county_complaints import ComplaintsSection
from common.county_complaints import missing_periods as missing_complaint_periods
from common.county_consulting import ConsultingConfig
from common.county_mileage import MileageSection
from common.county_residents import ResidentsSection
from common.county_selection import SelectionSection
from common.offices import OfficesSection
from common.statutory import ClockSection


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
    def _committee_periods(self) -> Self:
        if self.committee and (missing := missing_periods(self.committee, set(self.clock.periods))):
            raise ValueError("; ".join(missing))
        return self

    @model_validator(mode="after")
    def _complaints_periods(self) -> Self:
        if self.complaints and (missing := missing_complaint_periods(self.complaints, set(self.clock.periods))):
            raise ValueError("; ".join(missing))
        return self

    @model_validator(mode="after")
    def _selection_period(self) -> Self:
        if self.selection and self.selection.incentive_grant_period not in self.clock.periods:
            raise ValueError(f"selection.incentive_grant_period: clock.periods 에 "
                             f"'{self.selection.incentive_grant_period}' 기간이 없습니다.")
        if self.selection and self.selection.home_body_notice_period not in self.clock.periods:
            raise ValueError(f"selection.home_body_notice_period: clock.periods 에 "
                             f"'{self.selection.home_body_notice_period}' 기간이 없습니다.")
        return self




def parse_county(data: Any, source: str = "county config") -> CountyConfig:
    try:
        return CountyConfig.model_validate(data)
    except ValidationError as error:
        raise CountyConfigError(source, describe(error)) from error


def load_county_file(path: str | Path) -> CountyConfig:
    """The whole file, validated (the county checker, deploy, tests)."""
    return parse_county(read_county_file(path), str(path))
