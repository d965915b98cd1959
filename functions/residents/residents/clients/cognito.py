"""The residents' user pool: deleting a resident's sign-in when they withdraw (safe to repeat)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import boto3

from common.settings import env, region


@lru_cache(maxsize=1)
def _client() -> Any:
    return boto3.client("cognito-idp", region_name=region())


def delete_user(username: str) -> None:
    """Delete the sign-in (the residents' pool's user name is the opaque `sub`); an absent user is already deleted."""
    try:
        _client().admin_delete_user(UserPoolId=env("RESIDENT_POOL_ID"), Username=username)
    except _client().exceptions.UserNotFoundException:
        pass
