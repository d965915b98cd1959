"""Evidence files: a presigned POST into the private, KMS-encrypted evidence bucket, under the grantor's department.

What is signed is what S3 enforces: the exact key, the exact `Content-Type` (one the county allows), the KMS
encryption, and the size (`content-length-range`, up to the county's `mileage.evidence.max_bytes`). A presigned PUT
bound neither the length nor, for a browser, a type the county had not allowed.
"""

from __future__ import annotations

import mimetypes
import re
from functools import lru_cache
from typing import Any
from uuid import uuid4

from common.clock import today
from common.errors import RuleViolation
from common.identity import Caller
from common.settings import env, region
from mileage import deputies
from mileage.models import EvidenceUpload
from mileage.rules import policy as rules
from mileage.storage import items as repo

EXPIRES_IN = 900
_TYPES = mimetypes.MimeTypes(filenames=())  # Python's own table only: the same guess on every host


@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client("s3", region_name=region(), config=Config(signature_version="s3v4"))


def _safe(name: str) -> str:
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


def new_upload(caller: Caller, file_name: str, content_type: str | None) -> EvidenceUpload:
    grantor = deputies.grantor(caller, today())  # the head, or the department's deputy (직무대리)
    deputies.confirm(caller, grantor, *repo.get_items(*deputies.grantor_keys(caller, grantor)))
    section = rules.policy().evidence
    content_type = content_type_of(file_name, content_type, section.content_types)
    key = f"evidence/{grantor.department}/{uuid4()}/{_safe(file_name)}"
    signed = {"Content-Type": content_type, "x-amz-server-side-encryption": "aws:kms",
              "x-amz-server-side-encryption-aws-kms-key-id": env("PERSONAL_DATA_KEY_ID")}
    # boto adds the exact bucket and key conditions itself
    conditions: list[Any] = [{name: value} for name, value in signed.items()]
    conditions.append(["content-length-range", 1, section.max_bytes])
    post = _s3().generate_presigned_post(env("MILEAGE_EVIDENCE_BUCKET"), key, Fields=dict(signed),
                                         Conditions=conditions, ExpiresIn=EXPIRES_IN)
    return EvidenceUpload(key=key, url=post["url"], fields=post["fields"], content_type=content_type,
                          max_bytes=section.max_bytes, expires_in=EXPIRES_IN)
