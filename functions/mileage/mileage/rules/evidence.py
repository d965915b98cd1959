"""What evidence a grant may cite, and which files may be uploaded as evidence. No I/O."""

from __future__ import annotations

import mimetypes
import re

from common.errors import RuleViolation

_TYPES = mimetypes.MimeTypes(filenames=())  # Python's own table only: the same guess on every host


def safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.\-가-힣]+", "_", name.strip()).strip("._")
    return cleaned[:120] or "file"


def content_type_of(file_name: str, given: str | None, allowed: list[str]) -> str:
    """The content type to sign: the one given, or the one the file name implies; refused unless the county allows
    it exactly (no parameters, no other spelling)."""
    content_type = given if given is not None else _TYPES.guess_type(file_name)[0]
    if content_type not in allowed:
        raise RuleViolation("올릴 수 없는 파일 형식입니다.", code="CONTENT_TYPE_NOT_ALLOWED",
                            details={"allowed": list(allowed)})
    return content_type


def check_cited(*, item_code: str, links: list[str], keys: list[str], department: str | None,
                required: bool) -> None:
    """The evidence a grant cites: some when the item requires it, https links, and keys of the grantor's department's
    uploads (whether those files exist is for the bucket to say)."""
    if required and not (links or keys):
        raise RuleViolation("이 항목은 증빙(링크 또는 파일)이 필요합니다.", code="EVIDENCE_REQUIRED",
                            details={"item_code": item_code})
    for link in links:
        if not link.startswith("https://"):
            raise RuleViolation("증빙 링크는 https:// 로 시작해야 합니다.", code="EVIDENCE_INVALID",
                                details={"link": link})
    prefix = f"evidence/{department}/"
    for key in keys:
        if not key.startswith(prefix) or ".." in key:
            raise RuleViolation("올린 증빙 파일의 키가 아닙니다.", code="EVIDENCE_INVALID", details={"key": key})
