"""The Cognito calls of the directory sync: one user per employee (username = employee number), the department as
the `custom:department` attribute, the roles as groups. Every call is safe to repeat.

Where the county invites its staff (`directory.cognito_invite`), a new user gets their work email as a verified `email`
attribute and Cognito mails them the invitation with a temporary password; elsewhere (local mode, the demo) the user is
created silently and a password is set by other means (`devstack`)."""

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


def user_attributes(pool: str, username: str) -> dict[str, str] | None:
    """The user's attributes, or None when there is no such user."""
    try:
        user = _client().admin_get_user(UserPoolId=pool, Username=username)
    except _client().exceptions.UserNotFoundException:
        return None
    return {a["Name"]: a["Value"] for a in user.get("UserAttributes", [])}


def _email(email: str) -> list[dict[str, str]]:
    # the address comes from the county's HR roster, so it is trusted as verified (password reset mails go there)
    return [{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}]


def create_user(pool: str, username: str, department: str | None, *, email: str | None, invite: bool) -> None:
    """Create the user; with `invite` and an email, Cognito mails the invitation (otherwise nothing is sent). A
    civilian committee member has no department (None: no attribute)."""
    attributes = [{"Name": "custom:department", "Value": department}] if department else []
    kwargs: dict[str, Any] = {"UserPoolId": pool, "Username": username}
    if invite and email:
        attributes += _email(email)
        kwargs["DesiredDeliveryMediums"] = ["EMAIL"]
    else:
        kwargs["MessageAction"] = "SUPPRESS"
    try:
        _client().admin_create_user(**kwargs, UserAttributes=attributes)
    except _client().exceptions.UsernameExistsException:
        pass  # created meanwhile by another delivery: the same outcome


def update_user(pool: str, username: str, current: dict[str, str], department: str, *, email: str | None) -> None:
    """Set the department, and the email when one is given and differs (a removed email is left in Cognito)."""
    attributes = []
    if current.get("custom:department") != department:
        attributes.append({"Name": "custom:department", "Value": department})
    if email and (current.get("email") != email or current.get("email_verified") != "true"):
        attributes += _email(email)
    if attributes:
        _client().admin_update_user_attributes(UserPoolId=pool, Username=username, UserAttributes=attributes)


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


def is_enabled(pool: str, username: str) -> bool | None:
    """Whether the user may sign in; None when there is no such user."""
    try:
        return bool(_client().admin_get_user(UserPoolId=pool, Username=username)["Enabled"])
    except _client().exceptions.UserNotFoundException:
        return None


def enable(pool: str, username: str) -> None:
    _client().admin_enable_user(UserPoolId=pool, Username=username)


def disable(pool: str, username: str) -> None:
    _client().admin_disable_user(UserPoolId=pool, Username=username)


def sign_out(pool: str, username: str) -> None:
    """Revoke every refresh token of the user (and Cognito's access tokens): a leaver's devices cannot get new
    tokens. An ID token already issued stays valid until it expires, which is why privileged writes check the
    directory's current state as well."""
    _client().admin_user_global_sign_out(UserPoolId=pool, Username=username)
