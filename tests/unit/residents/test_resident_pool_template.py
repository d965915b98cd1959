"""The residents' pool as the template declares it: self sign-up by a verified email or phone, no attribute beyond
them, kept like the staff pool, its own client and authorizer, and the resident routes behind that authorizer."""

from __future__ import annotations

import pytest

from infra.template_tools import load_source


@pytest.fixture(scope="module")
def resources():
    return load_source()["Resources"]


def test_residents_sign_themselves_up_with_a_verified_email_or_phone(resources):
    pool = resources["ResidentUserPool"]
    props = pool["Properties"]
    assert props["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    assert set(props["UsernameAttributes"]) == set(props["AutoVerifiedAttributes"]) == {"email", "phone_number"}
    assert props["Policies"]["PasswordPolicy"]["MinimumLength"] >= 10
    assert "Schema" not in props  # no attribute beyond the sign-in contact: never a 주민등록번호
    assert props["DeletionProtection"] == "ACTIVE" and pool["DeletionPolicy"] == "Retain"


def test_the_residents_client_writes_only_the_sign_in_contact_and_has_no_admin_flow(resources):
    client = resources["ResidentUserPoolClient"]["Properties"]
    assert client["UserPoolId"] == {"Ref": "ResidentUserPool"}
    assert set(client["WriteAttributes"]) == {"email", "phone_number"}
    assert set(client["ExplicitAuthFlows"]) == {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}


def test_resident_routes_take_the_residents_authorizer_and_staff_routes_the_staff_one(resources):
    auth = resources["HttpApi"]["Properties"]["Auth"]
    assert auth["DefaultAuthorizer"] == "StaffJwt"
    resident = auth["Authorizers"]["ResidentJwt"]["JwtConfiguration"]
    assert resident["audience"] == [{"Ref": "ResidentUserPoolClient"}]
    assert "${ResidentUserPool}" in resident["issuer"]["Fn::Sub"]
    for name, event in resources["ResidentsApiFunction"]["Properties"]["Events"].items():
        expected = "NONE" if name == "Docs" else "ResidentJwt"
        assert event["Properties"]["Auth"]["Authorizer"] == expected, name
