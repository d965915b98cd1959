"""Personal data at rest: each field encrypted with the stack's KMS key, bound to where it lives.

The encryption context (table, record, field) is checked by KMS on decrypt, so a ciphertext copied to another
record or field does not decrypt. Only code paths serving a role that needs the value call `decrypt_field`.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

import boto3

from common.settings import env, region


@lru_cache(maxsize=1)
def _kms() -> Any:
    return boto3.client("kms", region_name=region())


def encrypt_field(plaintext: str, *, record: str, field: str) -> str:
    response = _kms().encrypt(
        KeyId=env("PERSONAL_DATA_KEY_ID"),
        Plaintext=plaintext.encode("utf-8"),
        EncryptionContext={"record": record, "field": field},
    )
    return base64.b64encode(response["CiphertextBlob"]).decode("ascii")


def decrypt_field(ciphertext: str, *, record: str, field: str) -> str:
    response = _kms().decrypt(
        CiphertextBlob=base64.b64decode(ciphertext),
        EncryptionContext={"record": record, "field": field},
    )
    return response["Plaintext"].decode("utf-8")
