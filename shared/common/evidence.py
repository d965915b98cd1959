"""Files uploaded to the stack's evidence bucket, whichever area asks (mileage's evidence under `evidence/`,
consulting's attachments under `consulting/`, a report's under `complaints/`): which content type is signed, the name
kept in the key, and the one client of the bucket — presigned uploads, whether a file was uploaded, short-lived
downloads. The bucket is named by one variable, `EVIDENCE_BUCKET`, on every function that reaches it (its IAM
policy limits each to its area's prefix); the S3 client is built on first use, never at import."""

from __future__ import annotations

import mimetypes
import re
from functools import lru_cache
from typing import Any

from common.errors import RuleViolation
from common.settings import env, region

BUCKET_VARIABLE = "EVIDENCE_BUCKET"
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


# ---------------------------------------------------------------- the bucket (S3, private, KMS-encrypted)
@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client("s3", region_name=region(), config=Config(signature_version="s3v4"))


def presigned_upload(key: str, *, content_type: str, max_bytes: int, expires_in: int) -> dict[str, Any]:
    """A presigned POST (`url`, `fields`) of exactly `key` — boto adds the exact bucket and key conditions itself —
    signing the content type, encryption with the stack's KMS key and a size of 1 to `max_bytes` bytes."""
    signed = {"Content-Type": content_type, "x-amz-server-side-encryption": "aws:kms",
              "x-amz-server-side-encryption-aws-kms-key-id": env("PERSONAL_DATA_KEY_ID")}
    conditions: list[Any] = [{name: value} for name, value in signed.items()]
    conditions.append(["content-length-range", 1, max_bytes])
    return _s3().generate_presigned_post(env(BUCKET_VARIABLE), key, Fields=dict(signed), Conditions=conditions,
                                         ExpiresIn=expires_in)


def exists(key: str) -> bool:
    """Whether a file was uploaded under `key` (HeadObject; the function's policy needs ListBucket on its prefix for
    a missing key to answer 404, not 403)."""
    from botocore.exceptions import ClientError

    try:
        _s3().head_object(Bucket=env(BUCKET_VARIABLE), Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return False
        raise
    return True


def presigned_download(key: str, *, expires_in: int) -> str:
    """A short-lived GET of `key`."""
    return _s3().generate_presigned_url("get_object", Params={"Bucket": env(BUCKET_VARIABLE), "Key": key},
                                        ExpiresIn=expires_in)
