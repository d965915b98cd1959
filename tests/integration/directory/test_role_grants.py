"""Powerful roles (admin, audit, hr — county file): every grant and revocation is an event and a record the audit
office lists; where the county asks for it, a grant waits for a second administrator (issue #8 §2)."""

from __future__ import annotations

import pytest

from tests.builders import demo_county_with, staff_claims
from tests.integration.directory.conftest import ADMIN, AUDITOR, FIN_STAFF, HR, demo_file

SECOND_ADMIN = staff_claims("2026009", "ADM", "admin", "panel")


def role_events(demo) -> list[tuple[str, dict]]:
    kinds = ("RoleGranted", "RoleRevoked", "RoleGrantRequested")
    return [(e.detail_type, e.data) for e in demo.outbox() if e.detail_type in kinds]


def listed(demo, claims=AUDITOR, **query) -> tuple[int, dict]:
    return demo.call("GET", "/directory/role-grants", claims=claims, query=query)


def test_a_powerful_grant_needs_a_reason_and_publishes_who_gave_whom_what(demo):
    before = len(role_events(demo))

    # without a reason: refused, nothing written
    status, body = demo.call("PUT", "/directory/staff/2026013/roles", claims=ADMIN, body={"roles": ["audit"]})
    assert (status, body["code"]) == (400, "REASON_REQUIRED")
    assert len(role_events(demo)) == before

    # with one: the role, and a RoleGranted event beside the EmployeeChanged one
    status, staff = demo.call("PUT", "/directory/staff/2026013/roles", claims=ADMIN,
                              body={"roles": ["audit"], "reason": "감사 보조 인력 지정 (결재 2026-123)"})
    assert (status, staff["roles"], staff["pending_grants"]) == (200, ["staff", "audit"], [])
    (kind, data), = role_events(demo)[before:]
    assert kind == "RoleGranted"
    assert {k: data[k] for k in ("employee_no", "role", "granted_by", "source", "confirmed_by")} == {
        "employee_no": "2026013", "role": "audit", "granted_by": "2026010", "source": "admin:2026010",
        "confirmed_by": None}
    assert "reason" not in data  # free text stays in the directory

    # taking it away is a RoleRevoked
    assert demo.call("PUT", "/directory/staff/2026013/roles", claims=ADMIN,
                     body={"roles": [], "reason": "지원 종료"})[0] == 200
    assert [(k, d["role"]) for k, d in role_events(demo)[before + 1:]] == [("RoleRevoked", "audit")]
    # a role that is not powerful (panel) needs no reason and publishes no grant
    assert demo.call("PUT", "/directory/staff/2026013/roles", claims=ADMIN, body={"roles": ["panel"]})[0] == 200
    assert len(role_events(demo)) == before + 2


def test_the_audit_office_lists_grants_newest_first_page_by_page(demo):
    demo.call("PUT", "/directory/staff/2026013/roles", claims=ADMIN, body={"roles": ["hr"], "reason": "인사 겸직"})

    status, first = listed(demo, limit="1")
    assert status == 200
    (newest,) = first["items"]
    assert {k: newest[k] for k in ("employee_no", "role", "action", "status", "granted_by", "reason")} == {
        "employee_no": "2026013", "role": "hr", "action": "grant", "status": "effective", "granted_by": "2026010",
        "reason": "인사 겸직"}

    # the rest by next_token: the demo import's own grants (4 audit, 2 hr, 1 admin, 1 audit head, 1 dedicated unit)
    items, token = first["items"], first["next_token"]
    while token:
        status, page = listed(demo, limit="3", next_token=token)
        items, token = items + page["items"], page["next_token"]
    assert len(items) == 10
    from_import = [(i["employee_no"], i["role"]) for i in items if i["source"].startswith("import:")]
    assert sorted(from_import) == sorted([("2026001", "audit"), ("2026002", "audit"), ("2026003", "audit"),
                                          ("2026004", "audit"), ("2026007", "hr"), ("2026008", "hr"),
                                          ("2026010", "admin"), ("2026001", "audit_head"),
                                          ("2026003", "aa_unit")])
    # only the audit office and administrators read it
    assert listed(demo, claims=ADMIN)[0] == 200
    assert listed(demo, claims=HR)[0] == 403 and listed(demo, claims=FIN_STAFF)[0] == 403


@pytest.fixture
def second_admin_county(directory, tmp_path, monkeypatch):
    """The county requires a second administrator; its first roster names two administrators (2026010, 2026009)."""
    with demo_county_with(tmp_path, monkeypatch, "powerful_role_grants_need_second_admin: false",
                          "powerful_role_grants_need_second_admin: true"):
        assert directory.import_file(demo_file("departments.csv"), "departments")[0] == 200
        roster = demo_file("staff.csv").decode().replace("2026009,장영수,ADM,4,일반직,N,panel,",
                                                          "2026009,장영수,ADM,4,일반직,N,admin;panel,")
        status, body = directory.import_file(roster.encode(), "staff")
        assert status == 200, body
        yield directory


def test_where_the_county_asks_a_grant_waits_for_a_second_administrator(second_admin_county):
    demo = second_admin_county

    # When the administrator gives 2026013 `audit`
    status, staff = demo.call("PUT", "/directory/staff/2026013/roles", claims=ADMIN,
                              body={"roles": ["audit", "panel"], "reason": "감사 보조"})

    # Then only the harmless role is in force; the grant waits, listed as pending
    assert status == 200 and staff["roles"] == ["staff", "panel"]
    (grant_id,) = staff["pending_grants"]
    pending = listed(demo, status="pending")[1]["items"]
    assert [(p["grant_id"], p["status"]) for p in pending] == [(grant_id, "pending")]
    assert role_events(demo)[-1][0] == "RoleGrantRequested"
    confirm = f"/directory/role-grants/{grant_id}/confirm"

    # neither the one who asked, nor the grantee, nor an administrator outside the directory may confirm
    assert demo.call("POST", confirm, claims=ADMIN)[1]["code"] == "SECOND_ADMIN_REQUIRED"
    grantee = staff_claims("2026013", "FIN", "admin")
    assert demo.call("POST", confirm, claims=grantee)[1]["code"] == "SECOND_ADMIN_REQUIRED"
    assert demo.call("POST", confirm, claims=staff_claims("devstack", "", "admin"))[1]["code"] == "NOT_AN_ADMIN_NOW"
    assert demo.call("GET", "/directory/staff/2026013", claims=ADMIN)[1]["roles"] == ["staff", "panel"]

    # a second administrator does: the role is in force, RoleGranted names both
    status, confirmed = demo.call("POST", confirm, claims=SECOND_ADMIN)
    assert (status, confirmed["status"], confirmed["confirmed_by"]) == (200, "effective", "2026009")
    assert demo.call("GET", "/directory/staff/2026013", claims=ADMIN)[1]["roles"] == ["staff", "audit", "panel"]
    kind, data = role_events(demo)[-1]
    assert (kind, data["granted_by"], data["confirmed_by"], data["grant_id"]) == ("RoleGranted", "2026010",
                                                                                   "2026009", grant_id)
    assert listed(demo, status="pending")[1]["items"] == []
    status, body = demo.call("POST", confirm, claims=SECOND_ADMIN)
    assert (status, body["code"]) == (409, "GRANT_NOT_PENDING")


def test_where_the_county_asks_a_roster_file_cannot_grant_powerful_roles(second_admin_county):
    demo = second_admin_county
    row = "사번,성명,부서코드,직급,고용형태,역할\n2026013,서지원,FIN,8,일반직,hr\n"

    status, body = demo.import_file(row.encode(), "staff", mode="partial")

    assert (status, body["code"]) == (422, "GRANT_NEEDS_SECOND_ADMIN")
    assert body["details"] == [{"employee_no": "2026013", "role": "hr"}]
    assert demo.call("GET", "/directory/staff/2026013", claims=ADMIN)[1]["roles"] == ["staff"]
