"""The residents' pool's pre-sign-up trigger: where the county requires 본인인증, a sign-up needs a token the
verification port accepts; elsewhere it passes untouched."""

from __future__ import annotations

import pytest

from residents.on_pre_sign_up import handler
from residents.signup import SignUpRefused
from tests.builders import LambdaContext, demo_county_with

REAL_NAME_BALLOT = ("  ballot: { verification: phone,", "  ballot: { verification: real_name,")


def pre_sign_up(token: str | None = None) -> dict:
    return {"version": "1", "triggerSource": "PreSignUp_SignUp", "userPoolId": "ap-northeast-2_Res1",
            "userName": "kim@example.com", "request": {
                "userAttributes": {"email": "kim@example.com"},
                "validationData": {"verification_token": token} if token else None},
            "response": {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}}


def test_without_a_real_name_requirement_every_sign_up_passes(monkeypatch):
    monkeypatch.setenv("RESIDENT_VERIFIER", "")  # not even a provider: the demo county does not need one
    event = pre_sign_up()
    assert handler(event, LambdaContext()) == event


@pytest.mark.parametrize("token", [None, "forged", "fake-verified:"])
def test_a_real_name_county_refuses_when_the_verifier_refuses(tmp_path, monkeypatch, token):
    monkeypatch.setenv("RESIDENT_VERIFIER", "fake")
    with demo_county_with(tmp_path, monkeypatch, *REAL_NAME_BALLOT), pytest.raises(SignUpRefused, match="본인인증"):
        handler(pre_sign_up(token), LambdaContext())


def test_a_real_name_county_lets_a_verified_person_sign_up(tmp_path, monkeypatch):
    monkeypatch.setenv("RESIDENT_VERIFIER", "fake")
    with demo_county_with(tmp_path, monkeypatch, *REAL_NAME_BALLOT):
        event = pre_sign_up("fake-verified:CI-0001")
        assert handler(event, LambdaContext()) == event


def test_without_a_provider_a_real_name_county_refuses_everyone(tmp_path, monkeypatch):
    monkeypatch.setenv("RESIDENT_VERIFIER", "")
    with demo_county_with(tmp_path, monkeypatch, *REAL_NAME_BALLOT), pytest.raises(SignUpRefused, match="설정"):
        handler(pre_sign_up("fake-verified:CI-0001"), LambdaContext())
