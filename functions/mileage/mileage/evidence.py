"""Evidence files: a presigned PUT into the private, KMS-encrypted evidence bucket, under the grantor's department."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from uuid import uuid4

from common.clock import today
from common.identity import Caller
from common.settings import env, region
from mileage import deputies
from mileage.models import EvidenceUpload

EXPIRES_IN = 900


@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client("s3", region_name=region(), config=Config(signature_version="s3v4"))


def _safe(name: str) -> str:
    cleaned = re.sub(r"[^\w.\-가-힣]+", "_", name.strip()).strip("._")
    return cleaned[:120] or "file"


def new_upload(caller: Caller, file_name: str, content_type: str) -> EvidenceUpload:
    department = deputies.grantor(caller, today()).department  # the head, or the department's deputy (직무대리)
    key = f"evidence/{department}/{uuid4()}/{_safe(file_name)}"
    headers = {"Content-Type": content_type, "x-amz-server-side-encryption": "aws:kms",
               "x-amz-server-side-encryption-aws-kms-key-id": env("PERSONAL_DATA_KEY_ID")}
    url = _s3().generate_presigned_url("put_object", ExpiresIn=EXPIRES_IN, Params={
        "Bucket": env("MILEAGE_EVIDENCE_BUCKET"), "Key": key, "ContentType": content_type,
        "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": headers["x-amz-server-side-encryption-aws-kms-key-id"]})
    return EvidenceUpload(key=key, url=url, headers=headers, expires_in=EXPIRES_IN)
