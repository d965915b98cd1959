"""Residents in local mode: the demo residents (`infra/demo/residents.csv`, invented addresses) in the residents'
pool with the demo password, self sign-up as the residents' app client does it — the pool's pre-sign-up trigger run
first, as Cognito does, and the confirmation code printed instead of mailed — confirmation, and a resident's tokens.

moto's ConfirmSignUp accepts any code, so the code is checked here (`.devstack/signup-codes.json`, hashed).
"""

from __future__ import annotations

import csv
import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

import boto3

from devstack.stack import REGION, ROOT, Stack

POOL = "ResidentUserPool"
CLIENT = "ResidentUserPoolClient"
DEMO_RESIDENTS = ROOT / "infra" / "demo" / "residents.csv"
CODES_FILE = ROOT / ".devstack" / "signup-codes.json"


class ResidentRefused(Exception):
    """Why a sign-up, confirmation or sign-in was refused, in words for the person at the terminal."""


def cognito() -> Any:
    return boto3.client("cognito-idp", region_name=REGION)


def _contact(name: str) -> str:
    return "email" if "@" in name else "phone_number"


def demo_residents(path: Path = DEMO_RESIDENTS) -> list[str]:
    return list(_demo_phones(path))


def _demo_phones(path: Path) -> dict[str, str]:
    """email → the verified phone of the row (optional `phone` column; "" where none)."""
    with path.open(encoding="utf-8", newline="") as rows:
        return {row["email"].strip(): (row.get("phone") or "").strip() for row in csv.DictReader(rows)
                if row.get("email", "").strip()}


def load_demo_residents(stack: Stack, password: str, path: Path = DEMO_RESIDENTS) -> list[str]:
    """Create the demo residents, confirmed with a verified email and `password` (no mail is sent); a row with a
    `phone` also has that phone verified (the county's ballots ask for it: `residents.ballot.verification`)."""
    client, pool = cognito(), stack.physical(POOL)
    phones = _demo_phones(path)
    for email, phone in phones.items():
        verified_phone = [{"Name": "phone_number", "Value": phone},
                          {"Name": "phone_number_verified", "Value": "true"}] if phone else []
        client.admin_create_user(UserPoolId=pool, Username=email, MessageAction="SUPPRESS", UserAttributes=[
            {"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}, *verified_phone])
        client.admin_set_user_password(UserPoolId=pool, Username=email, Password=password, Permanent=True)
    return list(phones)


def _hash(name: str, code: str) -> str:
    return hashlib.sha256(f"{name.lower()}:{code}".encode()).hexdigest()


def _codes(codes_file: Path) -> dict[str, str]:
    return json.loads(codes_file.read_text(encoding="utf-8")) if codes_file.exists() else {}


def sign_up(runtime: Any, name: str, password: str, *, verification_token: str | None = None,
            codes_file: Path = CODES_FILE) -> str:
    """Sign `name` (an email or a +82 phone number) up as the residents' web client does; the confirmation code
    Cognito would send. The pool's pre-sign-up trigger runs first with the same ValidationData."""
    stack: Stack = runtime.stack
    validation = [{"Name": "verification_token", "Value": verification_token}] if verification_token else []
    trigger = stack.pre_sign_up(POOL)
    if trigger is not None:
        event = {"version": "1", "triggerSource": "PreSignUp_SignUp", "region": REGION,
                 "userPoolId": stack.physical(POOL), "userName": name,
                 "callerContext": {"clientId": stack.physical(CLIENT)},
                 "request": {"userAttributes": {_contact(name): name},
                             "validationData": {v["Name"]: v["Value"] for v in validation}},
                 "response": {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}}
        try:
            runtime.invoke(trigger, event)
        except Exception as error:  # Cognito answers UserLambdaValidationException with the function's message
            raise ResidentRefused(f"PreSignUp failed with error {error}") from error
    client = cognito()
    try:
        client.sign_up(ClientId=stack.physical(CLIENT), Username=name, Password=password,
                       UserAttributes=[{"Name": _contact(name), "Value": name}], ValidationData=validation)
    except (client.exceptions.UsernameExistsException, client.exceptions.InvalidPasswordException,
            client.exceptions.InvalidParameterException) as error:
        raise ResidentRefused(error.response["Error"].get("Message") or error.response["Error"]["Code"]) from error
    code = f"{secrets.randbelow(10**6):06d}"
    codes = _codes(codes_file)
    codes[name.lower()] = _hash(name, code)
    codes_file.parent.mkdir(parents=True, exist_ok=True)
    codes_file.write_text(json.dumps(codes), encoding="utf-8")
    return code


def confirm(stack: Stack, name: str, code: str, *, codes_file: Path = CODES_FILE) -> None:
    """ConfirmSignUp with the printed code; the contact is then verified, as Cognito marks it."""
    codes = _codes(codes_file)
    if codes.get(name.lower()) != _hash(name, code.strip()):
        raise ResidentRefused(f"{name}: wrong or unknown confirmation code (CodeMismatchException)")
    client = cognito()
    client.confirm_sign_up(ClientId=stack.physical(CLIENT), Username=name, ConfirmationCode=code.strip())
    client.admin_update_user_attributes(UserPoolId=stack.physical(POOL), Username=name,
                                        UserAttributes=[{"Name": f"{_contact(name)}_verified", "Value": "true"}])
    del codes[name.lower()]
    codes_file.write_text(json.dumps(codes), encoding="utf-8")


def resident_sign_in(stack: Stack, name: str, password: str) -> dict[str, Any]:
    """A resident's tokens (IdToken, AccessToken, RefreshToken), signed in by email or phone number."""
    client = cognito()
    try:  # moto signs an unconfirmed user in; Cognito answers UserNotConfirmedException
        status = client.admin_get_user(UserPoolId=stack.physical(POOL), Username=name)["UserStatus"]
    except client.exceptions.UserNotFoundException as error:
        raise ResidentRefused(f"{name}: no such resident or a wrong password") from error
    if status == "UNCONFIRMED":
        raise ResidentRefused(f"{name}: not confirmed yet (python -m devstack confirm {name} <code>)")
    try:
        return client.admin_initiate_auth(
            UserPoolId=stack.physical(POOL), ClientId=stack.physical(CLIENT), AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": name, "PASSWORD": password})["AuthenticationResult"]
    except (client.exceptions.NotAuthorizedException, client.exceptions.UserNotFoundException) as error:
        raise ResidentRefused(f"{name}: no such resident or a wrong password") from error
