"""The evidence files a county section allows (types and size, enforced by the signed upload): one model that mileage's
and consulting's sections hold, so that no area's section module imports another area's (consulting's function built
every mileage section model on its cold start for this one)."""

import re
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Evidence(BaseModel):
    """증빙 파일 업로드: 서명된 업로드(presigned POST)가 형식과 크기를 강제합니다."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use (cold starts)

    content_types: list[str] = Field(
        default=["application/pdf", "image/jpeg", "image/png"], min_length=1,
        description="올릴 수 있는 파일 형식 (MIME, 매개변수 없이 정확히 일치)")
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1, le=5 * 1024 * 1024 * 1024,
                           description="파일 하나의 최대 크기 (바이트)")

    @model_validator(mode="after")
    def _types(self) -> Self:
        for content_type in self.content_types:
            if not re.fullmatch(r"[a-z]+/[a-z0-9][a-z0-9.+-]*", content_type):
                raise ValueError(f"파일 형식은 'type/subtype' 소문자여야 합니다: {content_type}")
        return self
