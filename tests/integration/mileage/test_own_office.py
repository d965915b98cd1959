"""Grants to the approving office's own staff: where the county routes them to the evaluation panel
(`mileage.approval.own_office_grants_by: panel`, the demo county), only the panel approves or rejects them — a
colleague in the audit office cannot; where it does not (`audit`), the audit office decides as for any grant."""

from __future__ import annotations

import pytest

from contracts.directory import EmployeeJoined
from tests.builders import demo_county_with, staff_claims
from tests.integration.mileage.conftest import project

AUD_HEAD = staff_claims("HA", "AUD", "dept_head", "audit")  # 감사실장: heads the approving office, an auditor too
COLLEAGUE = "A2"  # an auditor in the same office


@pytest.fixture
def office(api):
    """AUD gets its head (HA) and a member without the audit role (A3), as the directory would announce them."""
    for number, roles, grade in (("HA", ["staff", "dept_head", "audit"], 5), ("A3", ["staff"], 7)):
        project(EmployeeJoined(employee_no=number, department="AUD", roles=roles, active=True, grade=grade,
                               employment_type="일반직", team_leader=False, version=1).envelope())
    return api


def own_office_grant(api, employee_no: str = "A3", title: str = "감사 절차 개선") -> dict:
    return api.granted(AUD_HEAD, recipients=[{"employee_no": employee_no}], act_title=title)


def test_with_panel_routing_only_the_panel_decides_grants_to_the_approving_offices_staff(office):
    api = office
    grant = own_office_grant(api)
    assert grant["approval_by"] == "panel"
    to_an_auditor = own_office_grant(api, "A1", "감사 매뉴얼 정비")  # an auditor colleague receiving: the same
    assert to_an_auditor["approval_by"] == "panel"

    # the colleague in the audit office can neither approve nor reject it, alone or in bulk
    status, body = api.approve(grant["grant_id"], COLLEAGUE)
    assert (status, body["code"]) == (403, "OWN_OFFICE_GRANT")
    status, body = api("POST", f"/mileage/grants/{grant['grant_id']}/reject", COLLEAGUE, {"reason": "동료 반려"})
    assert (status, body["code"]) == (403, "OWN_OFFICE_GRANT")
    status, body = api("POST", "/mileage/approvals", COLLEAGUE, {"grant_ids": [grant["grant_id"]],
                                                                 "decision": "approve"})
    assert (status, body["results"][0]["code"]) == (200, "OWN_OFFICE_GRANT")

    # the panel can
    status, body = api.approve(grant["grant_id"], "P1")
    assert (status, body["status"], body["decided_by"]) == (200, "APPROVED", "P1")
    assert api.balance("A3")["balance"] == 3
    status, body = api("POST", f"/mileage/grants/{to_an_auditor['grant_id']}/reject", "P1", {"reason": "증빙 부족"})
    assert (status, body["status"]) == (200, "REJECTED")


def test_with_panel_routing_other_grants_stay_with_the_audit_office(office):
    api = office
    grant = api.granted()  # FIN's head to E1
    assert grant["approval_by"] is None
    status, body = api.approve(grant["grant_id"], "P1")
    assert (status, body["code"]) == (403, "ROLE_REQUIRED")
    assert api.approve(grant["grant_id"], COLLEAGUE)[0] == 200


def test_without_panel_routing_the_audit_office_decides_its_own_staffs_grants(office, tmp_path, monkeypatch):
    from mileage.rules import policy

    with demo_county_with(tmp_path, monkeypatch, "    own_office_grants_by: panel",
                          "    own_office_grants_by: approver", policy._cached_policy):
        api = office
        grant = own_office_grant(api)
        assert grant["approval_by"] is None
        status, body = api.approve(grant["grant_id"], "P1")
        assert (status, body["code"]) == (403, "ROLE_REQUIRED")
        status, body = api.approve(grant["grant_id"], COLLEAGUE)
        assert (status, body["status"]) == (200, "APPROVED")
