"""The reporter's sealed fields (KMS, `common.crypto`): a ciphertext KMS refuses for this case and field — one
copied from another case or swapped between fields — is `NotThisCase`, never a server error."""

from __future__ import annotations

from botocore.exceptions import ClientError

from common.crypto import decrypt_field


class NotThisCase(Exception):
    """The ciphertext is not bound to this record and field."""


def open_field(ciphertext: str, *, record: str, field: str) -> str:
    try:
        return decrypt_field(ciphertext, record=record, field=field)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "InvalidCiphertextException":
            raise NotThisCase(field) from None
        raise
