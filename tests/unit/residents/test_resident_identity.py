"""A resident is known by the pool that issued the token, never by a group a staff token could carry."""

from __future__ import annotations

import pytest

from common.errors import Forbidden
from common.identity import Role, caller_from_claims
from infra.conventions import missing_groups
from infra.template_tools import load_source
from tests.builders import ISSUER_PREFIX, resident_claims, staff_claims


def test_a_token_of_the_residents_pool_is_a_resident_known_by_sub_only(monkeypatch):
    monkeypatch.setenv("RESIDENT_POOL_ID", "ap-northeast-2_Res1")
    claims = {"sub": "3f1c-opaque", "cognito:username": "3f1c-opaque", "email": "kim@example.com",
              "iss": f"{ISSUER_PREFIX}ap-northeast-2_Res1", "token_use": "id"}
    caller = caller_from_claims(claims)
    assert caller.subject == "3f1c-opaque"
    assert caller.roles == {Role.RESIDENT}
    assert caller.employee_no is None and caller.department is None and not caller.is_staff
    with pytest.raises(Forbidden):
        caller.require(Role.STAFF)


def test_a_staff_token_with_a_resident_group_is_no_resident(monkeypatch):
    monkeypatch.setenv("RESIDENT_POOL_ID", "ap-northeast-2_Res1")
    claims = {**staff_claims("2026001", "FIN"), "iss": f"{ISSUER_PREFIX}ap-northeast-2_Staff",
              "cognito:groups": "[staff resident]"}
    caller = caller_from_claims(claims)
    assert caller.roles == {Role.STAFF} and caller.employee_no == "2026001"


def test_a_resident_pool_token_never_carries_staff_roles(monkeypatch):
    monkeypatch.setenv("RESIDENT_POOL_ID", "ap-northeast-2_Res1")
    claims = {"sub": "s", "cognito:groups": "[staff admin]", "iss": f"{ISSUER_PREFIX}ap-northeast-2_Res1"}
    assert caller_from_claims(claims).roles == {Role.RESIDENT}


def test_the_builders_resident_is_a_resident():
    assert caller_from_claims(resident_claims("r-9")).roles == {Role.RESIDENT}


def test_residents_are_no_group_of_the_staff_pool():
    resources = load_source()["Resources"]
    groups = {r["Properties"]["GroupName"] for r in resources.values() if r["Type"] == "AWS::Cognito::UserPoolGroup"}
    assert "resident" not in groups
    assert missing_groups(resources) == []
    del resources["AuditGroup"]
    assert missing_groups(resources) == ["audit"]  # every staff role is still checked
