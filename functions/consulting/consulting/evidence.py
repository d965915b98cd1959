"""Attachments of consulting cases: a presigned POST into the evidence bucket under the caller's department
(`consulting/<dept>/<uuid>/<name>`), signing the exact key, type, KMS encryption and size (the county's
`consulting.evidence`); a case cites only its department's keys, and only files that were uploaded."""

from __future__ import annotations

from uuid import uuid4

from common import evidence as bucket
from common.errors import InvalidInput, RuleViolation
from common.evidence import content_type_of, safe_name
from common.identity import Caller
from consulting import cases
from consulting.models import EvidenceUpload
from consulting.rules.offices import section

EXPIRES_IN = 900


def new_upload(who: Caller, file_name: str, content_type: str | None) -> EvidenceUpload:
    department = cases.department_of(who)
    rules = section().evidence
    content_type = content_type_of(file_name, content_type, rules.content_types)
    key = f"consulting/{department}/{uuid4()}/{safe_name(file_name)}"
    post = bucket.presigned_upload(key, content_type=content_type, max_bytes=rules.max_bytes, expires_in=EXPIRES_IN)
    return EvidenceUpload(key=key, url=post["url"], fields=post["fields"], content_type=content_type,
                          max_bytes=rules.max_bytes, expires_in=EXPIRES_IN)


def cited(department: str, keys: list[str]) -> list[str]:
    """The documents a case cites: keys under its department's own prefix, each uploaded."""
    prefix = f"consulting/{department}/"
    if strays := [k for k in keys if not k.startswith(prefix) or ".." in k]:
        raise InvalidInput(f"문서 키는 {prefix} 아래여야 합니다.", code="DOCUMENT_NOT_YOURS", details={"keys": strays})
    keys = list(dict.fromkeys(keys))
    if missing := [k for k in keys if not bucket.exists(k)]:
        raise RuleViolation("첨부 파일이 올라가 있지 않습니다. 업로드를 마친 뒤 다시 시도해 주세요.",
                            code="DOCUMENT_NOT_UPLOADED", details={"keys": missing})
    return keys
