"""Civilian committee members' sign-ins (issue #12, Roles): the secretary creates an account in the staff pool for a
civilian member (username their `CIV-…` id, group `committee`, no department, invited by email where the county
invites), the account signs in to the committee as that member, and it is disabled when the membership ends."""

from __future__ import annotations

import base64
import json
import os
from datetime import date

import boto3
import pytest

from tests.builders import call_api, demo_county_with, staff_claims
from tests.integration.directory.conftest import ADMIN, FIN_STAFF

TERM = {"term_start": f"{date.today().year}-01-01", "term_end": f"{date.today().year + 1}-12-31"}
SECRETARY = staff_claims("2026003", "AUD", "committee_secretary")
PASSWORD = "Civilian-pass-2026"


def civilian(demo, contact: str | None = "jung.mina@demo-univ.ac.kr", name: str = "정민아") -> str:
    body = {"civilian": True, "gender": "F", "name": name, "affiliation": "데모대학교 행정학과", **TERM}
    status, member = demo.call("POST", "/directory/committee/members", claims=ADMIN,
                               body={**body, **({"contact": contact} if contact else {})})
    assert status == 201, member
    return member["member_id"]


def open_account(demo, member_id: str, claims: dict = SECRETARY) -> tuple[int, dict]:
    return demo.call("POST", f"/directory/committee/members/{member_id}/account", claims=claims)


def pool_user(username: str) -> dict:
    client, pool = boto3.client("cognito-idp"), os.environ["USER_POOL_ID"]
    user = client.admin_get_user(UserPoolId=pool, Username=username)
    groups = client.admin_list_groups_for_user(UserPoolId=pool, Username=username)["Groups"]
    return {"enabled": user["Enabled"], "groups": sorted(g["GroupName"] for g in groups),
            **{a["Name"]: a["Value"] for a in user["UserAttributes"] if a["Name"] != "sub"}}


def sign_in(username: str) -> dict:
    """The member's tokens from the staff pool (the password set by hand, as the invitation's would be)."""
    client, pool = boto3.client("cognito-idp"), os.environ["USER_POOL_ID"]
    client.admin_set_user_password(UserPoolId=pool, Username=username, Password=PASSWORD, Permanent=True)
    app_client = client.list_user_pool_clients(UserPoolId=pool)["UserPoolClients"][0]["ClientId"]
    return client.admin_initiate_auth(UserPoolId=pool, ClientId=app_client, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD})[
        "AuthenticationResult"]


def claims_of(id_token: str) -> dict:
    """The ID token's claims as the HTTP API's JWT authorizer passes them (arrays flattened to "[a b]")."""
    payload = id_token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return {k: "[" + " ".join(v) + "]" if isinstance(v, list) else v for k, v in claims.items()}


def test_the_secretary_opens_a_civilians_account_in_the_committee_group_without_a_department(demo):
    member_id = civilian(demo)
    status, account = open_account(demo, member_id)
    assert (status, account["username"], account["invited"], account["new"]) == (201, member_id, False, True)
    user = pool_user(member_id)
    assert (user["enabled"], user["groups"]) == (True, ["committee"])
    assert "custom:department" not in user and "email" not in user  # the demo does not invite: nothing is mailed
    status, again = open_account(demo, member_id, ADMIN)
    assert (status, again["code"]) == (409, "ACCOUNT_EXISTS")


def test_only_the_secretary_or_an_administrator_opens_accounts_and_only_for_serving_civilians(demo):
    member_id = civilian(demo)
    assert open_account(demo, member_id, FIN_STAFF)[1]["code"] == "ROLE_REQUIRED"
    assert open_account(demo, "CIV-0")[1]["code"] == "MEMBER_NOT_FOUND"
    assert open_account(demo, "EMP-2026001")[0] == 404  # ex officio members sign in as staff
    assert demo.call("DELETE", f"/directory/committee/members/{member_id}", claims=ADMIN)[0] == 200
    status, body = open_account(demo, member_id)
    assert (status, body["code"]) == (422, "NOT_SERVING")


def test_where_the_county_invites_the_invitation_goes_to_the_members_contact(demo, tmp_path, monkeypatch):
    with demo_county_with(tmp_path, monkeypatch, "  cognito_invite: false\n", "  cognito_invite: true\n"):
        member_id = civilian(demo)
        no_email = civilian(demo, contact="010-1234-5678", name="박민간")
        status, account = open_account(demo, member_id)
        assert (status, account["invited"]) == (201, True)
        assert pool_user(member_id)["email"] == "jung.mina@demo-univ.ac.kr"
        status, body = open_account(demo, no_email)
        assert (status, body["code"]) == (422, "CONTACT_NOT_EMAIL")


def test_the_civilians_token_acts_as_that_member_on_the_committee_until_the_membership_ends(demo):
    from committee import on_directory_event
    from tests.builders import LambdaContext, eventbridge_event, sqs_event

    member_id = civilian(demo)
    assert open_account(demo, member_id)[0] == 201
    appointed = [e for e in demo.outbox() if e.detail_type == "CommitteeMemberAppointed"]
    on_directory_event.handler(sqs_event(*(eventbridge_event(e) for e in appointed)), LambdaContext())
    tokens = sign_in(member_id)
    mine = claims_of(tokens["IdToken"])

    # the committee's secretary makes a meeting the civilian chairs; the civilian's own token opens it
    status, meeting = call_api("committee", "POST", "/committee/meetings", claims=SECRETARY,
                               body={"kind": "ad_hoc", "title": "수시회의", "chair_id": member_id, "designated": [],
                                     "held_on": date.today().isoformat()})
    assert status == 201, meeting
    assert call_api("committee", "GET", "/committee/members", claims=mine)[0] == 200
    status, opened = call_api("committee", "POST", f"/committee/meetings/{meeting['meeting_id']}/opening",
                              claims=mine)
    assert (status, opened["state"]) == (200, "open")

    # the membership ends: the account is disabled and its tokens revoked
    assert demo.call("DELETE", f"/directory/committee/members/{member_id}", claims=ADMIN)[0] == 200
    assert pool_user(member_id)["enabled"] is False
    client = boto3.client("cognito-idp")
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.get_user(AccessToken=tokens["AccessToken"])
