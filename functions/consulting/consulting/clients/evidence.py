"""The evidence bucket (S3, private, KMS-encrypted; consulting's files under `consulting/`): presigned POSTs for
uploads, and whether a file was uploaded."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from common.settings import env, region


@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client("s3", region_name=region(), config=Config(signature_version="s3v4"))


def presigned_post(key: str, fields: dict[str, str], conditions: list[Any], expires_in: int) -> dict[str, Any]:
    return _s3().generate_presigned_post(env("EVIDENCE_BUCKET"), key, Fields=fields, Conditions=conditions,
                                         ExpiresIn=expires_in)


def exists(key: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        _s3().head_object(Bucket=env("EVIDENCE_BUCKET"), Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return False
        raise
    return True
