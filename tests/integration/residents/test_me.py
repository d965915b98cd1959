"""The resident's own record through the residents' API (moto, in-process): created on the first call, contact
encrypted, withdrawal erasing it, deleting the sign-in and publishing the opaque id only."""

from __future__ import annotations

import json

import boto3
import pytest

from tests.builders import ISSUER_PREFIX, call_api, outbox, resident_claims, staff_claims, typed


@pytest.fixture
def resident(stack):
    """A confirmed resident of the residents' pool (signed up by email), and their ID token's claims."""
    cognito = boto3.client("cognito-idp")
    pool = stack.physical("ResidentUserPool")
    cognito.admin_create_user(UserPoolId=pool, Username="jimin@example.com", MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "jimin@example.com"},
                                              {"Name": "email_verified", "Value": "true"}])
    user = cognito.admin_get_user(UserPoolId=pool, Username="jimin@example.com")
    sub = {a["Name"]: a["Value"] for a in user["UserAttributes"]}["sub"]
    return {"sub": sub, "cognito:username": user["Username"], "email": "jimin@example.com",
            "email_verified": "true", "token_use": "id", "iss": f"{ISSUER_PREFIX}{pool}"}


def raw_item(sub: str) -> dict:
    table = boto3.client("dynamodb")
    import os

    return table.get_item(TableName=os.environ["RESIDENTS_TABLE"],
                          Key={"pk": {"S": f"RESIDENT#{sub}"}, "sk": {"S": "PROFILE"}}).get("Item", {})


def test_the_first_call_creates_the_record_and_shows_what_the_county_holds(resident):
    assert raw_item(resident["sub"]) == {}
    status, body = call_api("residents", "GET", "/residents/me", claims=resident)
    assert status == 200, body
    assert body["resident_id"] == resident["sub"] and body["status"] == "ACTIVE"
    assert body["sign_in"] == {"email": "jimin@example.com"}
    assert body["contact"] == {"email": None, "phone": None, "notify_by": "none", "retention_days": 1095,
                               "erase_at": None, "erased_at": None}  # nothing held, nothing to erase
    assert body["consent"] == {"given": False, "given_at": None}
    assert {f["feature"]: (f["verification"], f["retention_days"]) for f in body["features"]} == {
        "nomination": ("email", 365), "ballot": ("phone", 365), "complaint": ("email", 1095)}
    assert raw_item(resident["sub"])["status"] == {"S": "ACTIVE"}
    assert call_api("residents", "GET", "/residents/me", claims=resident)[1]["created_at"] == body["created_at"]


def test_contact_is_stored_encrypted_and_dropped_with_the_consent(resident):
    status, body = call_api("residents", "PUT", "/residents/me", claims=resident, body={
        "email": "notify@example.com", "phone": "01012345678", "notify_by": "sms", "consent": True})
    assert status == 200, body
    assert body["contact"]["email"] == "notify@example.com" and body["contact"]["phone"] == "01012345678"
    assert body["consent"]["given"] and body["consent"]["given_at"]
    stored = json.dumps(raw_item(resident["sub"]))
    assert "notify@example.com" not in stored and "01012345678" not in stored  # KMS ciphertexts only
    assert call_api("residents", "GET", "/residents/me", claims=resident)[1]["contact"]["phone"] == "01012345678"

    status, body = call_api("residents", "PUT", "/residents/me", claims=resident, body={"consent": False})
    assert status == 200 and body["contact"]["email"] is None and not body["consent"]["given"]
    assert "email" not in raw_item(resident["sub"]) and "phone" not in raw_item(resident["sub"])


@pytest.mark.parametrize(("body", "code"), [
    ({"notify_by": "email", "consent": True}, "CONTACT_REQUIRED"),
    ({"phone": "01012345678", "notify_by": "sms", "consent": False}, "CONSENT_REQUIRED"),
])
def test_a_channel_needs_its_contact_and_the_consent(resident, body, code):
    status, answer = call_api("residents", "PUT", "/residents/me", claims=resident, body=body)
    assert (status, answer["code"]) == (422, code)


def test_withdrawal_erases_deletes_the_sign_in_and_publishes_the_opaque_id(stack, resident):
    call_api("residents", "PUT", "/residents/me", claims=resident, body={
        "email": "notify@example.com", "notify_by": "email", "consent": True})

    status, _ = call_api("residents", "DELETE", "/residents/me", claims=resident)

    assert status == 204
    item = raw_item(resident["sub"])
    assert set(item) <= {"pk", "sk", "resident_id", "status", "created_at", "withdrawn_at", "version", "notify_by"}
    assert item["status"] == {"S": "WITHDRAWN"} and "email" not in item and "consent_at" not in item
    cognito = boto3.client("cognito-idp")
    with pytest.raises(cognito.exceptions.UserNotFoundException):
        cognito.admin_get_user(UserPoolId=stack.physical("ResidentUserPool"), Username="jimin@example.com")
    (event,) = outbox("residents")
    assert event.detail_type == "ResidentWithdrawn" and event.data == {"resident_id": resident["sub"]}
    assert typed(event).resident_id == resident["sub"]
    assert "example.com" not in event.model_dump_json()
    # the token lives on until it expires: the record is not made again, and a second withdrawal changes nothing
    status, body = call_api("residents", "GET", "/residents/me", claims=resident)
    assert (status, body["code"]) == (403, "WITHDRAWN")
    assert call_api("residents", "DELETE", "/residents/me", claims=resident)[0] == 204
    assert len(outbox("residents")) == 1


def test_staff_are_no_residents(stack):
    status, body = call_api("residents", "GET", "/residents/me", claims=staff_claims("2026001", "FIN", "admin"))
    assert (status, body["code"]) == (403, "ROLE_REQUIRED")
    assert call_api("residents", "GET", "/residents/me", claims=resident_claims())[0] == 200
