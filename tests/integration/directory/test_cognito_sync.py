"""Directory events → Cognito users: fed with the real envelopes an import wrote to the outbox."""

from __future__ import annotations

import os

import boto3
import pytest

from directory import cognito_sync, on_employee_event
from tests.builders import demo_county_with, eventbridge_event, sqs_event
from tests.integration.directory.conftest import demo_file, events_of


def cognito_user(username: str) -> dict:
    client = boto3.client("cognito-idp")
    pool = os.environ["USER_POOL_ID"]
    user = client.admin_get_user(UserPoolId=pool, Username=username)
    groups = client.admin_list_groups_for_user(UserPoolId=pool, Username=username)["Groups"]
    return {
        "enabled": user["Enabled"],
        "department": {a["Name"]: a["Value"] for a in user["UserAttributes"]}.get("custom:department"),
        "groups": sorted(g["GroupName"] for g in groups),
    }


def deliver(context, *envelopes) -> dict:
    return on_employee_event.handler(sqs_event(*(eventbridge_event(e) for e in envelopes)), context)


def test_imported_staff_become_cognito_users_with_their_groups(demo, context):
    joined = events_of(demo.outbox(), "EmployeeJoined")

    for batch_start in range(0, 30, 10):
        batch = list(joined.values())[batch_start:batch_start + 10]
        assert deliver(context, *batch) == {"batchItemFailures": []}

    assert cognito_user("2026001") == {
        "enabled": True, "department": "AUD",
        "groups": ["aa_officer", "audit", "audit_head", "committee", "dept_head", "staff"]}
    assert cognito_user("2026013") == {"enabled": True, "department": "FIN", "groups": ["staff"]}
    assert cognito_user("2026010")["groups"] == ["admin", "staff"]


def test_changes_and_leavers_follow_and_a_repeat_does_nothing_twice(demo, context):
    joined = events_of(demo.outbox(), "EmployeeJoined")
    deliver(context, joined["2026013"], joined["2026014"])
    staff_file = "사번,성명,부서코드,직급,고용형태,팀장여부,역할\n2026013,서지원,CON,8,일반직,N,panel\n"
    demo.import_file(staff_file.encode(), "staff", mode="partial")
    changed = events_of(demo.outbox(), "EmployeeChanged")["2026013"]

    deliver(context, changed)
    assert cognito_user("2026013") == {"enabled": True, "department": "CON", "groups": ["panel", "staff"]}

    # an administrator adds a group by hand; a redelivery of the same event is not handled again
    pool = os.environ["USER_POOL_ID"]
    boto3.client("cognito-idp").admin_add_user_to_group(UserPoolId=pool, Username="2026013", GroupName="hr")
    deliver(context, changed)
    assert cognito_user("2026013")["groups"] == ["hr", "panel", "staff"]

    # a leaver is disabled (a full file of two: 29 leavers, confirmed)
    full = "사번,성명,부서코드,직급,고용형태\n2026013,서지원,CON,8,일반직\n2026010,임재현,ADM,7,일반직\n"
    assert demo.import_file(full.encode(), "staff", confirm_leavers="29")[0] == 200
    left = events_of(demo.outbox(), "EmployeeLeft")["2026014"]
    deliver(context, left)
    assert cognito_user("2026014")["enabled"] is False


def test_the_sync_itself_is_idempotent(demo, context):
    joined = events_of(demo.outbox(), "EmployeeJoined")["2026011"]
    cognito_sync.sync(joined)
    cognito_sync.sync(joined)  # as if replayed past the idempotency record: same outcome
    assert cognito_user("2026011") == {"enabled": True, "department": "FIN", "groups": ["dept_head", "staff"]}


def test_a_late_older_event_cannot_undo_a_newer_change(demo, context):
    joined = events_of(demo.outbox(), "EmployeeJoined")["2026013"]
    demo.import_file("사번,성명,부서코드,직급,고용형태,팀장여부,역할\n2026013,서지원,CON,8,일반직,N,panel\n".encode(),
                     "staff", mode="partial")
    changed = events_of(demo.outbox(), "EmployeeChanged")["2026013"]

    deliver(context, changed)
    deliver(context, joined)  # delivery is unordered: the older event arrives last

    assert cognito_user("2026013") == {"enabled": True, "department": "CON", "groups": ["panel", "staff"]}


@pytest.fixture
def county_invites(tmp_path, monkeypatch):
    """The demo county with `directory.cognito_invite: true`."""
    with demo_county_with(tmp_path, monkeypatch, "  cognito_invite: false\n", "  cognito_invite: true\n"):
        yield


def pool_user(username: str) -> dict:
    user = boto3.client("cognito-idp").admin_get_user(UserPoolId=os.environ["USER_POOL_ID"], Username=username)
    return {"status": user["UserStatus"], **{a["Name"]: a["Value"] for a in user["UserAttributes"]}}


def test_where_the_county_invites_staff_the_user_gets_the_roster_email(demo, context, county_invites):
    joined = events_of(demo.outbox(), "EmployeeJoined")

    # When the sync creates 2026001 (an email in the roster) and 2026003 (none)
    assert deliver(context, joined["2026001"], joined["2026003"]) == {"batchItemFailures": []}

    # Then 2026001 is invited at the decrypted, verified address; 2026003 is created without one
    invited = pool_user("2026001")
    assert (invited["status"], invited["email"], invited["email_verified"]) == ("FORCE_CHANGE_PASSWORD",
                                                                                 "jh.kim@demo.go.kr", "true")
    assert "email" not in pool_user("2026003")

    # and a new address in a later roster reaches Cognito
    row = "사번,성명,부서코드,직급,고용형태,이메일\n2026001,김정훈,AUD,5,일반직,new.kim@demo.go.kr\n"
    assert demo.import_file(row.encode(), "staff", mode="partial")[1]["changed"] == 1
    deliver(context, events_of(demo.outbox(), "EmployeeChanged")["2026001"])
    assert pool_user("2026001")["email"] == "new.kim@demo.go.kr"


def test_where_the_county_does_not_invite_no_email_is_given_to_cognito(demo, context):
    deliver(context, events_of(demo.outbox(), "EmployeeJoined")["2026001"])

    assert "email" not in pool_user("2026001")


def test_a_leaver_is_signed_out_everywhere(demo, context):
    # Given 2026014 signed in (tokens issued before they leave)
    joined = events_of(demo.outbox(), "EmployeeJoined")
    deliver(context, joined["2026014"])
    client, pool = boto3.client("cognito-idp"), os.environ["USER_POOL_ID"]
    client.admin_set_user_password(UserPoolId=pool, Username="2026014", Password="Leaver-pass-2026", Permanent=True)
    app_client = client.list_user_pool_clients(UserPoolId=pool)["UserPoolClients"][0]["ClientId"]
    tokens = client.admin_initiate_auth(UserPoolId=pool, ClientId=app_client, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": "2026014", "PASSWORD": "Leaver-pass-2026"})[
        "AuthenticationResult"]
    assert client.get_user(AccessToken=tokens["AccessToken"])["Username"] == "2026014"

    # When a full roster without them is imported and the EmployeeLeft event reaches the sync
    lines = demo_file("staff.csv").decode().splitlines()
    assert demo.import_file(("\n".join(x for x in lines if not x.startswith("2026014,")) + "\n").encode(),
                            "staff")[0] == 200
    assert deliver(context, events_of(demo.outbox(), "EmployeeLeft")["2026014"]) == {"batchItemFailures": []}

    # Then the user is disabled and every token Cognito issued is revoked: even once re-enabled by hand, the old
    # access token and refresh token no longer work
    assert cognito_user("2026014")["enabled"] is False
    client.admin_enable_user(UserPoolId=pool, Username="2026014")
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.get_user(AccessToken=tokens["AccessToken"])
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.admin_initiate_auth(UserPoolId=pool, ClientId=app_client, AuthFlow="REFRESH_TOKEN_AUTH",
                                   AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
