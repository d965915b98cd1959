"""Roles set by an administrator, and the AA committee roster."""

from __future__ import annotations

from datetime import date

from tests.integration.directory.conftest import ADMIN, AUDITOR, events_of

TERM = {"term_start": f"{date.today().year}-01-01", "term_end": f"{date.today().year + 1}-12-31"}


def put_roles(demo, employee_no: str, **body):
    return demo.call("PUT", f"/directory/staff/{employee_no}/roles", claims=ADMIN, body=body)


def test_roles_are_written_with_history_and_an_event(demo):
    status, staff = put_roles(demo, "2026013", roles=["panel", "audit"])

    assert status == 200
    assert staff["roles"] == ["staff", "audit", "panel"] and staff["version"] == 2
    event = events_of(demo.outbox(), "EmployeeChanged")["2026013"]
    assert event.data == {"employee_no": "2026013", "department": "FIN", "roles": ["staff", "audit", "panel"],
                          "active": True, "grade": 8, "employment_type": "일반직", "team_leader": False,
                          "version": 2, "changed": ["roles"]}
    assert sorted(h["kind"]["S"] for h in demo.history("2026013")) == ["changed", "joined"]
    # the same roles again change nothing
    before = len(demo.outbox())
    assert put_roles(demo, "2026013", roles=["audit", "panel"])[0] == 200
    assert len(demo.outbox()) == before


def test_committee_needs_a_term(demo):
    status, body = put_roles(demo, "2026013", roles=["committee"])
    assert (status, body["code"]) == (400, "COMMITTEE_TERM_REQUIRED")

    status, staff = put_roles(demo, "2026013", roles=["committee"], committee_term_start="2026-01-01",
                              committee_term_end="2027-12-31")
    assert status == 200
    assert (staff["committee_term_start"], staff["committee_term_end"]) == ("2026-01-01", "2027-12-31")


def test_naming_a_new_head_moves_the_role_in_one_go(demo):
    status, staff = put_roles(demo, "2026012", roles=["dept_head"])

    assert status == 200 and "dept_head" in staff["roles"]
    changed = events_of(demo.outbox(), "EmployeeChanged")
    assert changed["2026012"].data["roles"] == ["staff", "dept_head"]
    assert changed["2026011"].data["roles"] == ["staff"]
    assert demo.call("GET", "/directory/departments/FIN", claims=ADMIN)[1]["head_employee_no"] == "2026012"


def test_unknown_roles_and_unknown_employees_are_rejected(demo):
    assert put_roles(demo, "2026013", roles=["staff"])[0] == 422
    assert put_roles(demo, "2026013", roles=["resident"])[0] == 422
    assert put_roles(demo, "9999999", roles=["panel"])[0] == 404


def test_the_committee_roster_reports_the_civilian_share(demo):
    def add(**body):
        return demo.call("POST", "/directory/committee/members", claims=ADMIN, body=body)

    assert add(civilian=False, gender="M", employee_no="2026001")[0] == 201
    status, civilian = add(civilian=True, gender="F", name="정민아", affiliation="데모대학교 행정학과",
                           contact="010-1234-5678", **TERM)
    assert status == 201 and civilian["civilian"] is True
    assert add(civilian=True, gender="M", name="이도윤", affiliation="변호사", **TERM)[0] == 201
    assert add(civilian=False, gender="M", employee_no="2026001")[0] == 422  # already a member
    assert add(civilian=False, gender="M", employee_no="9999999")[0] == 422  # not staff
    assert add(civilian=True, gender="F")[0] == 422  # a civilian needs name, affiliation and term

    status, listed = demo.call("GET", "/directory/committee/members", claims=AUDITOR)

    assert status == 200
    assert len(listed["members"]) == 3
    composition = listed["composition"]
    assert (composition["civilian_count"], composition["civilian_share"]) == (2, 0.667)
    assert composition["civilian_majority_met"] is True
    assert composition["gender"] == {"M": 2, "F": 1}
    assert all("contact" not in m for m in listed["members"])
