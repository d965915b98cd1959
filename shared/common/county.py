"""A county's policy: one YAML file per county in `infra/counties/<code>.yaml`.

The county checker and the deploy step validate the whole file with `common.county_file.CountyConfig` and render it to
JSON in the county's configuration layer (`/opt/county/config.json`). A running function reads it through `county()`:
the file once, from `COUNTY_CONFIG_PATH`, and each section the first time the function reads it, with that section's
model only — so a function imports and builds the models of the sections it uses, not every area's (docs/decisions.md,
cold starts). An area's section is its model in `common/county_<area>.py`, a line in `SECTIONS` and a field of
`CountyConfig`; every number that differs between counties lives in the file, not in code.
"""

import json
import os
from datetime import date
from functools import cache, lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from common.offices import OFFICES

DEFAULT_CONFIG_PATH = "/opt/county/config.json"


class Strict(BaseModel):
    # defer_build: a section's validator is built when the section is first validated, not on import (`county()`
    # validates only the sections a function reads; docs/decisions.md, cold starts)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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

    public_write: LimitRule = Field(default_factory=lambda: LimitRule(requests=5, window_seconds=600))
    resident_write: LimitRule = Field(default_factory=lambda: LimitRule(requests=30, window_seconds=60))
    public_read: LimitRule = Field(default_factory=lambda: LimitRule(requests=120, window_seconds=60))
    max_json_body_kb: int = Field(default=256, ge=1, le=6 * 1024, description="JSON 본문 최대 크기 (KB; 파일 제외)")


class CountyConfigError(Exception):
    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def describe(error: ValidationError) -> list[str]:
    return [f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()]


# The file's sections: name → (module, the section's model there, optional: absent means the county does not run
# the area). `common.county_file.CountyConfig` has the same fields (a test holds the two together) and the checks
# that span sections (a period named in `clock.periods`), which ran before the file was deployed.
SECTIONS: dict[str, tuple[str, str, bool]] = {
    "clock": ("common.statutory", "ClockSection", False),
    "directory": ("common.county", "DirectorySection", False),
    "offices": ("common.offices", "OfficesSection", False),
    "residents": ("common.county_residents", "ResidentsSection", False),
    "limits": ("common.county", "LimitsSection", False),
    "mileage": ("common.county_mileage", "MileageSection", True),
    "committee": ("common.county_committee", "CommitteeSection", True),
    "complaints": ("common.county_complaints", "ComplaintsSection", True),
    "selection": ("common.county_selection", "SelectionSection", True),
    "consulting": ("common.county_consulting", "ConsultingSection", True),
}
SCALARS: dict[str, Any] = {"code": str, "name": str, "timezone": str, "extra_closed_days": list[date]}
_DEFAULT_SCALARS: dict[str, Any] = {"timezone": "Asia/Seoul", "extra_closed_days": []}


class County:
    """The running county's file as a function reads it: `county().mileage` is the `mileage` section, validated with
    its own model the first time it is read and kept. The whole file passed `CountyConfig` (with the checks across
    sections) before it was deployed; an unknown top-level key still fails at once, a bad section on its first read,
    both with `CountyConfigError`."""

    def __init__(self, data: Any, source: str):
        if not isinstance(data, dict):
            raise CountyConfigError(source, ["(root): 설정 파일은 키와 값의 목록이어야 합니다."])
        if unknown := sorted(set(data) - set(SECTIONS) - set(SCALARS)):
            raise CountyConfigError(source, [f"{key}: Extra inputs are not permitted" for key in unknown])
        self._data = data
        self._source = source

    def __getattr__(self, name: str) -> Any:
        if name not in SECTIONS and name not in SCALARS:
            raise AttributeError(name)
        if name in self._data:
            try:
                value = _adapter(name).validate_python(self._data[name])
            except ValidationError as error:
                raise CountyConfigError(self._source, [f"{name}.{problem}" for problem in describe(error)]) from error
        elif name in SCALARS:
            if name not in _DEFAULT_SCALARS:
                raise CountyConfigError(self._source, [f"{name}: Field required"])
            value = _DEFAULT_SCALARS[name]
        else:
            value = None if SECTIONS[name][2] else _adapter(name).validate_python({})
        setattr(self, name, value)  # read once: from now on the attribute itself answers
        return value


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    if name in SCALARS:
        return TypeAdapter(SCALARS[name])
    module, attribute, optional = SECTIONS[name]
    kind = getattr(import_module(module), attribute)
    return TypeAdapter(kind | None if optional else kind)


def __getattr__(name: str) -> Any:
    """`CountyConfig`, `parse_county` and `load_county_file` (the whole file, for tools and tests) live in
    `common.county_file`, imported only when asked for."""
    if name in ("CountyConfig", "parse_county", "load_county_file"):
        from common import county_file

        return getattr(county_file, name)
    raise AttributeError(name)


def read_county_file(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        import yaml  # only the deploy/validate tools and local mode read YAML; Lambda reads JSON

        return yaml.safe_load(text)
    return json.loads(text)


@lru_cache(maxsize=1)
def county() -> County:
    """The running county's configuration (cached for the life of the process), each section validated on first
    read."""
    path = os.environ.get("COUNTY_CONFIG_PATH", DEFAULT_CONFIG_PATH)
    return County(read_county_file(path), str(path))
