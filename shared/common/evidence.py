"""Files uploaded to the stack's evidence bucket, whichever area asks (mileage's evidence, consulting's attachments):
which content type is signed, and the name kept in the key. No I/O."""

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
