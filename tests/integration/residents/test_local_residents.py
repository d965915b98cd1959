"""Residents in local mode, over HTTP through the local gateway: each route takes only its own pool's tokens, and a
new resident signs up, confirms with the printed code, signs in and reaches a resident route."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.builders import local_token, running_local

pytestmark = pytest.mark.http

PASSWORD = "Resident-pass-2026"


@pytest.fixture(scope="module")
def local():
    with running_local() as started:
        yield started


def call(local, method: str, path: str, token: str | None) -> tuple[int, dict]:
    request = urllib.request.Request(local.gateway.url + path, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    return status, json.loads(raw) if raw else {}


def resident_token(local, name: str, password: str = "Demo-pass-2026") -> str:
    from devstack.residents import resident_sign_in

    return resident_sign_in(local.stack, name, password)["IdToken"]


def test_each_route_takes_only_its_own_pools_tokens(local):
    assert local.residents, "the demo residents are loaded"
    resident, staff = resident_token(local, local.residents[0]), local_token(local, "2026011")

    assert call(local, "GET", "/residents/me", resident)[0] == 200
    assert call(local, "GET", "/directory/me", staff)[0] == 200
    assert call(local, "GET", "/residents/me", staff) == (401, {"message": "Unauthorized"})
    assert call(local, "GET", "/directory/me", resident) == (401, {"message": "Unauthorized"})
    assert call(local, "GET", "/mileage/items", resident) == (401, {"message": "Unauthorized"})
    assert call(local, "GET", "/residents/me", None)[0] == 401


def test_sign_up_confirm_token_then_a_resident_route_then_withdraw(local, tmp_path):
    from devstack.residents import ResidentRefused, confirm, resident_sign_in, sign_up

    codes = tmp_path / "codes.json"
    code = sign_up(local.runtime, "new.resident@example.com", PASSWORD, codes_file=codes)
    assert len(code) == 6 and code.isdigit()
    with pytest.raises(ResidentRefused, match="not confirmed"):
        resident_sign_in(local.stack, "new.resident@example.com", PASSWORD)
    with pytest.raises(ResidentRefused, match="wrong or unknown"):
        confirm(local.stack, "new.resident@example.com", "000000" if code != "000000" else "111111",
                codes_file=codes)
    with pytest.raises(ResidentRefused):  # the same address twice
        sign_up(local.runtime, "new.resident@example.com", PASSWORD, codes_file=codes)

    confirm(local.stack, "new.resident@example.com", code, codes_file=codes)
    token = resident_token(local, "new.resident@example.com", PASSWORD)

    status, body = call(local, "GET", "/residents/me", token)
    assert status == 200, body
    assert body["sign_in"] == {"email": "new.resident@example.com"} and body["status"] == "ACTIVE"

    assert call(local, "DELETE", "/residents/me", token)[0] == 204
    assert call(local, "GET", "/residents/me", token)[1]["code"] == "WITHDRAWN"  # the token outlives the account
    with pytest.raises(ResidentRefused):
        resident_sign_in(local.stack, "new.resident@example.com", PASSWORD)


def test_a_weak_password_is_refused_at_sign_up(local, tmp_path):
    from devstack.residents import ResidentRefused, sign_up

    with pytest.raises(ResidentRefused):
        sign_up(local.runtime, "weak@example.com", "short", codes_file=tmp_path / "codes.json")


def test_a_resident_signs_up_with_a_mobile_number(local, tmp_path):
    from devstack.residents import confirm, sign_up

    codes = tmp_path / "codes.json"
    code = sign_up(local.runtime, "+821055550123", PASSWORD, codes_file=codes)
    confirm(local.stack, "+821055550123", code, codes_file=codes)

    status, body = call(local, "GET", "/residents/me", resident_token(local, "+821055550123", PASSWORD))
    # (moto's ID token also names the sign-in name `email` when the pool allows email names; Cognito does not)
    assert status == 200 and body["sign_in"]["phone_number"] == "+821055550123"


def test_the_retention_job_runs_locally_as_its_schedule_would(local):
    """What `python -m devstack fire ResidentsRetentionFunction` runs: nothing of the demo is due today."""
    runtime = local.runtime
    logical_id = runtime.by_schedule("ResidentsRetentionFunction")
    assert runtime.invoke(logical_id, runtime.scheduler_event(logical_id)) == {
        "due": 0, "erased": 0, "moved": 0, "skipped": 0, "errors": 0}
