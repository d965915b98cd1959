"""The stack's evidence bucket (S3, private, KMS-encrypted), under `complaints/`: presigned POSTs for a report's
attachments and presigned GETs for the audit office."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from common.settings import env, region

PREFIX = "complaints/"


@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client("s3", region_name=region(), config=Config(signature_version="s3v4"))


def presigned_post(key: str, *, content_type: str, max_bytes: int, expires_in: int) -> dict[str, Any]:
    """An upload of exactly `key`, of this type and at most this size."""
    return _s3().generate_presigned_post(
        env("EVIDENCE_BUCKET"), PREFIX + key, Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]], ExpiresIn=expires_in)


def presigned_get(key: str, *, expires_in: int) -> str:
    return _s3().generate_presigned_url("get_object", Params={"Bucket": env("EVIDENCE_BUCKET"), "Key": PREFIX + key},
                                        ExpiresIn=expires_in)
