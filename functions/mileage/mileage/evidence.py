"""Evidence files: a presigned POST into the private, KMS-encrypted evidence bucket, under the grantor's department.

What is signed is what S3 enforces: the exact key, the exact `Content-Type` (one the county allows), the KMS
encryption, and the size (`content-length-range`, up to the county's `mileage.evidence.max_bytes`). A presigned PUT
bound neither the length nor, for a browser, a type the county had not allowed.
"""

from __future__ import annotations

from uuid import uuid4

from common import evidence as bucket
from common.clock import today
from common.errors import RuleViolation
from common.evidence import content_type_of, safe_name
from common.identity import Caller
from mileage import deputies
from mileage.models import EvidenceUpload
from mileage.rules import policy as rules
from mileage.storage.table import get_items

EXPIRES_IN = 900


def new_upload(caller: Caller, file_name: str, content_type: str | None) -> EvidenceUpload:
    grantor = deputies.grantor(caller, today())  # the head, or the department's deputy (직무대리)
    deputies.confirm(caller, grantor, *get_items(*deputies.grantor_keys(caller, grantor)))
    section = rules.policy().evidence
    content_type = content_type_of(file_name, content_type, section.content_types)
    key = f"evidence/{grantor.department}/{uuid4()}/{safe_name(file_name)}"
    post = bucket.presigned_upload(key, content_type=content_type, max_bytes=section.max_bytes,
                                   expires_in=EXPIRES_IN)
    return EvidenceUpload(key=key, url=post["url"], fields=post["fields"], content_type=content_type,
                          max_bytes=section.max_bytes, expires_in=EXPIRES_IN)


def check_uploaded(keys: list[str]) -> None:
    """Every cited evidence file is in the bucket."""
    missing = [key for key in keys if not bucket.exists(key)]
    if missing:
        raise RuleViolation("증빙 파일이 올라가 있지 않습니다. 업로드를 마친 뒤 다시 시도해 주세요.",
                            code="EVIDENCE_NOT_FOUND", details={"keys": missing})
