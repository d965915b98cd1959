"""Demo data for local mode: the demo roster imported through the directory API, as county IT's first import does,
and a known password on every imported user so anyone can sign in locally.

The password is for local mode only (the emulated user pool lives in memory and dies with `devstack up`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import boto3

from devstack.gateway import http_event
from devstack.pump import Pump
from devstack.runtime import Runtime
from devstack.stack import REGION, ROOT, Route, Stack

DEMO_PASSWORD = "Demo-pass-2026"
DEMO_DIR = ROOT / "infra" / "demo"
IMPORT_ROUTE = ("POST", "/directory/imports")
SYNC_FUNCTION = "DirectoryCognitoSyncFunction"  # directory events → Cognito users
CONTENT_TYPES = {".csv": "text/csv; charset=utf-8",
                 ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class BootstrapError(Exception):
    pass


def bootstrap_claims(stack: Stack) -> dict[str, Any]:
    """Claims of the county IT administrator who runs the first import (there is no user to sign in as yet)."""
    pool_id = stack.physical("UserPool")
    return {
        "sub": "devstack-bootstrap", "cognito:username": "devstack", "custom:department": "",
        "cognito:groups": ["staff", "admin"], "token_use": "id", "aud": stack.physical("UserPoolClient"),
        "iss": f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}", "exp": int(time.time()) + 3600,
    }


def import_roster(runtime: Runtime, kind: str, path: Path) -> dict[str, Any]:
    """POST /directory/imports?kind=<kind> with the file's bytes, invoked in-process with administrator claims."""
    method, route_path = IMPORT_ROUTE
    route = next((r for r in runtime.stack.routes() if (r.method, r.path) == IMPORT_ROUTE), None)
    if route is None:
        raise BootstrapError(f"template.yaml has no route {method} {route_path}")
    event = http_event(Route(route.method, route.path, route.function, route.authorized), method, route_path,
                       query=f"kind={kind}", headers={"content-type": CONTENT_TYPES.get(path.suffix, "text/csv")},
                       body=path.read_bytes(), claims=bootstrap_claims(runtime.stack))
    try:
        response = runtime.invoke(route.function, event)
    except ImportError as error:
        raise BootstrapError(f"{route.function} cannot be loaded: {error}") from error
    status = int(response.get("statusCode", 500))
    body = response.get("body") or ""
    if status >= 300:
        raise BootstrapError(f"importing {path.name} ({kind}) answered {status}: {body[:500]}")
    return json.loads(body) if body else {}


def roster_files(directory: Path = DEMO_DIR) -> list[tuple[str, Path]]:
    """(kind, file) in import order: departments first, then staff."""
    out = []
    for kind in ("departments", "staff"):
        candidates = [directory / f"{kind}{suffix}" for suffix in (".csv", ".xlsx")]
        found = next((c for c in candidates if c.exists()), None)
        if found is None:
            raise BootstrapError(f"no demo roster for {kind} in {directory}")
        out.append((kind, found))
    return out


def cognito() -> Any:
    return boto3.client("cognito-idp", region_name=REGION)


def user_names(stack: Stack) -> list[str]:
    names, kwargs = [], {"UserPoolId": stack.physical("UserPool")}
    while True:
        page = cognito().list_users(**kwargs)
        names += [u["Username"] for u in page["Users"]]
        if not page.get("PaginationToken"):
            return names
        kwargs["PaginationToken"] = page["PaginationToken"]


def load_demo(runtime: Runtime, pump: Pump, *, timeout: float = 20.0) -> list[str]:
    """Import the demo roster and deliver its events until the Cognito sync consumer has created the users.

    Only the path to sign-in is pumped here (the streams' relay and the Cognito sync queue); other consumers of the
    same events get them from the background pump once the stack is up."""
    results = [import_roster(runtime, kind, path) for kind, path in roster_files()]
    path_to_sign_in = {m.function for m in pump.streams} | {SYNC_FUNCTION}
    deadline = time.monotonic() + timeout
    previous = -1
    while True:
        counts = pump.drain(timeout=max(0.1, deadline - time.monotonic()), functions=path_to_sign_in)
        names = user_names(runtime.stack)
        idle = not counts["stream_records"] and not counts["sqs_messages"]
        if names and idle and len(names) == previous:
            return names
        if time.monotonic() > deadline:
            if names:
                return names
            raise BootstrapError(f"no user created within {timeout:.0f} s of the import: {results}")
        previous = len(names)
        time.sleep(0.05)


def set_demo_passwords(stack: Stack, names: list[str], password: str = DEMO_PASSWORD) -> None:
    set_demo_passwords_for(stack.physical("UserPool"), names, password)


def set_demo_passwords_for(pool_id: str, names: list[str], password: str = DEMO_PASSWORD) -> None:
    client = cognito()
    for name in names:
        client.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=password, Permanent=True)


def sign_in(pool_id: str, client_id: str, employee_no: str, password: str = DEMO_PASSWORD) -> dict[str, Any]:
    """The user's tokens (IdToken, AccessToken, RefreshToken), as ADMIN_USER_PASSWORD_AUTH returns them."""
    return cognito().admin_initiate_auth(
        UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": employee_no, "PASSWORD": password})["AuthenticationResult"]


class SignInRefused(Exception):
    """Why a local user cannot sign in, in words for the person at the terminal."""


def local_sign_in(pool_id: str, client_id: str, employee_no: str, password: str = DEMO_PASSWORD) -> dict[str, Any]:
    """`sign_in` for `make token`: an employee imported after start-up (no password yet) gets the demo password
    first, so every local user can sign in with it; a missing or disabled user is a `SignInRefused`, not a traceback."""
    client = cognito()
    try:
        user = client.admin_get_user(UserPoolId=pool_id, Username=employee_no)
    except client.exceptions.UserNotFoundException as error:
        raise SignInRefused(f"{employee_no}: no such user in the local pool (an import creates users once its events "
                            f"are delivered; `make users` lists them)") from error
    if not user.get("Enabled", True):
        raise SignInRefused(f"{employee_no}: the user is disabled (a leaver in the directory) and cannot sign in")
    if password == DEMO_PASSWORD and user.get("UserStatus") != "CONFIRMED":
        set_demo_passwords_for(pool_id, [employee_no])
    try:
        return sign_in(pool_id, client_id, employee_no, password)
    except client.exceptions.NotAuthorizedException as error:
        raise SignInRefused(f"{employee_no}: the password was refused "
                            f"({error.response['Error'].get('Message', 'NotAuthorized')})") from error


def describe_users(pool_id: str) -> list[dict[str, Any]]:
    """Every user of the pool with department, groups, name and status."""
    client, out, kwargs = cognito(), [], {"UserPoolId": pool_id}
    while True:
        page = client.list_users(**kwargs)
        for user in page["Users"]:
            attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
            groups = client.admin_list_groups_for_user(UserPoolId=pool_id, Username=user["Username"])["Groups"]
            out.append({"username": user["Username"], "department": attributes.get("custom:department", ""),
                        "name": attributes.get("name", ""), "groups": sorted(g["GroupName"] for g in groups),
                        "enabled": user.get("Enabled", True), "status": user.get("UserStatus", "")})
        if not page.get("PaginationToken"):
            return sorted(out, key=lambda u: u["username"])
        kwargs["PaginationToken"] = page["PaginationToken"]
