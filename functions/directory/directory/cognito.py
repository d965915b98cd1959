"""The Cognito calls of the directory sync: one user per employee (username = employee number), the department as
the `custom:department` attribute, the roles as groups. Every call is safe to repeat."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import boto3

from common.identity import Role
from common.settings import region

# the groups the directory manages; any other group a user is in is left alone
ROLE_GROUPS = frozenset(r.value for r in Role if r != Role.RESIDENT)


@lru_cache(maxsize=1)
def _client() -> Any:
    return boto3.client("cognito-idp", region_name=region())


def user_exists(pool: str, username: str) -> bool:
    try:
        _client().admin_get_user(UserPoolId=pool, Username=username)
    except _client().exceptions.UserNotFoundException:
        return False
    return True


def create_user(pool: str, username: str, department: str, *, invite: bool) -> None:
    kwargs: dict[str, Any] = {
        "UserPoolId": pool, "Username": username,
        "UserAttributes": [{"Name": "custom:department", "Value": department}],
    }
    if not invite:
        kwargs["MessageAction"] = "SUPPRESS"
    try:
        _client().admin_create_user(**kwargs)
    except _client().exceptions.UsernameExistsException:
        pass  # created meanwhile by another delivery: the same outcome


def set_department(pool: str, username: str, department: str) -> None:
    _client().admin_update_user_attributes(
        UserPoolId=pool, Username=username, UserAttributes=[{"Name": "custom:department", "Value": department}])


def groups_of(pool: str, username: str) -> set[str]:
    groups: set[str] = set()
    kwargs: dict[str, Any] = {"UserPoolId": pool, "Username": username}
    while True:
        page = _client().admin_list_groups_for_user(**kwargs)
        groups |= {g["GroupName"] for g in page.get("Groups", [])}
        if not page.get("NextToken"):
            return groups
        kwargs["NextToken"] = page["NextToken"]


def set_groups(pool: str, username: str, roles: list[str]) -> tuple[set[str], set[str]]:
    """Make the user's role groups exactly `roles`; returns (added, removed)."""
    wanted = set(roles) & ROLE_GROUPS
    current = groups_of(pool, username) & ROLE_GROUPS
    for group in sorted(wanted - current):
        _client().admin_add_user_to_group(UserPoolId=pool, Username=username, GroupName=group)
    for group in sorted(current - wanted):
        _client().admin_remove_user_from_group(UserPoolId=pool, Username=username, GroupName=group)
    return wanted - current, current - wanted


def enable(pool: str, username: str) -> None:
    _client().admin_enable_user(UserPoolId=pool, Username=username)


def disable(pool: str, username: str) -> None:
    _client().admin_disable_user(UserPoolId=pool, Username=username)
