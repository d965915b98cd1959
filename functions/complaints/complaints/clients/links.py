"""A resident's link to their complaints: HMAC-SHA-256 of their sign-in id under the stack's HMAC key in KMS
(`ResidentLinkKey`, its material never leaves KMS). The same resident always gets the same link, so their reports
are one index Query; nobody holding only the table (a dump, a backup, a reader of another function) can compute a
link for a resident id they guess, nor tell from the table whose a report is."""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

from common.settings import env, region


@lru_cache(maxsize=1)
def _kms() -> Any:
    import boto3

    return boto3.client("kms", region_name=region())


def link(resident_id: str) -> str:
    mac = _kms().generate_mac(KeyId=env("RESIDENT_LINK_KEY_ID"), MacAlgorithm="HMAC_SHA_256",
                              Message=f"complaints-resident\n{resident_id}".encode())["Mac"]
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")
