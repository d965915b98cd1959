"""Roles set by an administrator, and the AA committee roster."""

from __future__ import annotations

from datetime import date

from tests.integration.directory.conftest import ADMIN, AUDITOR, demo_file, events_of

TERM = {"term_start": f"{date.today().year}-01-01", "term_end": f"{date.today().year + 1}-12-31"}
ROSTER_COMMITTEE = ("2026001", "2026016", "2026021")
ROSTER_ROLES = {"2026001": ["audit", "audit_head", "aa_officer", "dept_head"], "2026016": ["dept_head"],
                "2026021": ["dept_head"]}


def put_roles(demo, employee_no: str, **body):
    return demo.call("PUT", f"/directory/staff/{employee_no}/roles", claims=ADMIN, body=body)


def test_roles_are_written_with_history_and_an_event(demo):
    status, staff = put_roles(demo, "2026013", roles=["panel", "audit"], reason="감사 업무 지원")

    assert status == 200
    assert staff["roles"] == ["staff", "audit", "panel"] and staff["version"] == 2
    event = events_of(demo.outbox(), "EmployeeChanged")["2026013"]
    assert event.data == {"employee_no": "2026013", "department": "FIN", "roles": ["staff", "audit", "panel"],
                          "active": True, "grade": 8, "employment_type": "일반직", "team_leader": False,
                          "version": 2, "seconded_from": None, "changed": ["roles"]}
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


def add_member(demo, **body):
    return demo.call("POST", "/directory/committee/members", claims=ADMIN, body=body)


def committee(demo) -> dict:
    status, listed = demo.call("GET", "/directory/committee/members", claims=AUDITOR)
    assert status == 200
    return listed


def test_the_committee_roster_reports_the_civilian_share(demo):
    # Given the demo roster's three committee members (ex officio), their terms set to this year and next
    for no in ROSTER_COMMITTEE:
        assert put_roles(demo, no, roles=["committee", *ROSTER_ROLES[no]], committee_term_start=TERM["term_start"],
                         committee_term_end=TERM["term_end"])[0] == 200
    # When four civilians are appointed
    status, civilian = add_member(demo, civilian=True, gender="F", name="정민아", affiliation="데모대학교 행정학과",
                                  contact="010-1234-5678", **TERM)
    assert status == 201 and civilian["civilian"] is True
    for name, gender in (("이도윤", "M"), ("박서연", "F"), ("최가람", "M")):
        assert add_member(demo, civilian=True, gender=gender, name=name, affiliation="변호사", **TERM)[0] == 201
    assert add_member(demo, civilian=False, gender="M", employee_no="9999999", **TERM)[0] == 422  # not staff
    assert add_member(demo, civilian=True, gender="F")[0] == 422  # a civilian needs name, affiliation and term
    assert add_member(demo, civilian=False, gender="F", employee_no="2026013")[0] == 422  # ex officio needs a term

    listed = committee(demo)

    # Then the roster's members are listed beside the civilians, their gender not yet recorded
    assert len(listed["members"]) == 7 and all(m["serving"] for m in listed["members"])
    composition = listed["composition"]
    assert (composition["civilian_count"], composition["civilian_share"]) == (4, 0.571)
    assert composition["civilian_majority_met"] is True
    assert composition["gender"] == {"M": 2, "F": 2, "unknown": 3}
    assert all("contact" not in m for m in listed["members"])

    # and adding a roster member by POST records their gender: the same member, not a second one
    status, member = add_member(demo, civilian=False, gender="M", employee_no="2026001", **TERM)
    assert (status, member["member_id"], member["gender"]) == (200, "EMP-2026001", "M")
    assert add_member(demo, civilian=False, gender="F", employee_no="2026001", **TERM)[1]["code"] == "ALREADY_MEMBER"
    listed = committee(demo)
    assert len(listed["members"]) == 7 and listed["composition"]["gender"] == {"M": 3, "F": 2, "unknown": 2}


def test_adding_the_same_civilian_twice_is_one_member(demo):
    body = {"civilian": True, "gender": "F", "name": "박민간", "affiliation": "데모대학교", **TERM}
    status, first = add_member(demo, **body)
    assert status == 201

    # the same person, affiliation and term start (spacing and case aside) is the same member: 409, nothing added
    status, again = add_member(demo, **{**body, "name": " 박민간 ", "affiliation": "데모대학교 ", "gender": "F"})
    assert (status, again["code"], again["details"]) == (409, "ALREADY_MEMBER", {"member_id": first["member_id"]})
    assert [m["name"] for m in committee(demo)["members"]].count("박민간") == 1

    # a new term is a new appointment
    next_term = {"term_start": f"{date.today().year + 2}-01-01", "term_end": f"{date.today().year + 3}-12-31"}
    status, reappointed = add_member(demo, **{**body, **next_term})
    assert status == 201 and reappointed["member_id"] != first["member_id"]


def test_an_ex_officio_member_added_by_post_holds_the_committee_role(demo):
    # When the administrator adds employee 2026013 as an ex-officio member
    status, member = add_member(demo, civilian=False, gender="F", employee_no="2026013", **TERM)

    # Then they hold the `committee` role with that term, with history and an event (Cognito's groups follow)
    assert (status, member["member_id"], member["serving"], member["affiliation"]) == (201, "EMP-2026013", True,
                                                                                        "FIN")
    staff = demo.call("GET", "/directory/staff/2026013", claims=ADMIN)[1]
    assert staff["roles"] == ["staff", "committee"]
    assert (staff["committee_term_start"], staff["committee_term_end"]) == (TERM["term_start"], TERM["term_end"])
    event = events_of(demo.outbox(), "EmployeeChanged")["2026013"]
    assert event.data["roles"] == ["staff", "committee"]
    assert event.data["changed"] == ["roles", "committee_term_start", "committee_term_end"]
    assert [m["member_id"] for m in committee(demo)["members"] if m["employee_no"] == "2026013"] == ["EMP-2026013"]

    # the same request again is the same member: 200, nothing written
    before = len(demo.outbox())
    assert add_member(demo, civilian=False, gender="F", employee_no="2026013", **TERM)[0] == 200
    assert len(demo.outbox()) == before

    # a department head keeps their headship when they join the committee
    assert add_member(demo, civilian=False, gender="F", employee_no="2026011", **TERM)[0] == 201
    assert demo.call("GET", "/directory/staff/2026011", claims=ADMIN)[1]["roles"] == ["staff", "committee",
                                                                                       "dept_head"]

    # and taking the role away takes them off the committee roster
    assert put_roles(demo, "2026013", roles=[])[0] == 200
    assert "2026013" not in {m["employee_no"] for m in committee(demo)["members"]}


def test_roster_committee_members_are_listed_and_a_leaver_stops_serving(demo):
    # Given the demo roster gives `committee` (with a term) to 2026001, 2026016 and 2026021
    listed = committee(demo)
    assert {m["employee_no"]: (m["member_id"], m["civilian"], m["gender"]) for m in listed["members"]} == {
        no: (f"EMP-{no}", False, None) for no in ROSTER_COMMITTEE}

    # When 2026021 (WEL head, committee member) is missing from a full staff file: they left
    lines = demo_file("staff.csv").decode().splitlines()
    status, summary = demo.import_file(("\n".join(x for x in lines if not x.startswith("2026021,")) + "\n").encode(),
                                       "staff")
    assert (status, summary["left"]) == (200, 1)

    # Then they are off the committee roster, hold neither committee nor dept_head, and WEL has no head
    assert {m["employee_no"] for m in committee(demo)["members"]} == {"2026001", "2026016"}
    staff = demo.call("GET", "/directory/staff/2026021", claims=ADMIN)[1]
    assert (staff["active"], staff["roles"], staff["committee_term_start"]) == (False, ["staff"], None)
    left = events_of(demo.outbox(), "EmployeeLeft")["2026021"]
    assert left.data["roles"] == ["staff"]
    assert left.data["changed"] == ["roles", "active", "committee_term_start", "committee_term_end"]
    assert demo.call("GET", "/directory/departments/WEL", claims=ADMIN)[1]["head_employee_no"] is None


def test_an_import_grants_committee_only_with_a_term(demo):
    header = "사번,성명,부서코드,직급,고용형태,역할"

    # a roster row giving `committee` without a term is a bad row, like PUT roles without one
    status, body = demo.import_file(f"{header}\n2026013,서지원,FIN,8,일반직,committee\n".encode(), "staff",
                                    mode="partial")
    assert (status, body["code"]) == (400, "ROSTER_INVALID")
    assert [(d["row"], d["column"]) for d in body["details"]] == [(2, "위원임기시작")]

    # with the term columns it is granted, and listed
    with_term = f"{header},위원임기시작,위원임기종료\n2026013,서지원,FIN,8,일반직,committee,{TERM['term_start']},"
    status, body = demo.import_file(f"{with_term}{TERM['term_end']}\n".encode(), "staff", mode="partial")
    assert (status, body["changed"]) == (200, 1)
    staff = demo.call("GET", "/directory/staff/2026013", claims=ADMIN)[1]
    assert (staff["roles"], staff["committee_term_end"]) == (["staff", "committee"], TERM["term_end"])
    assert "2026013" in {m["employee_no"] for m in committee(demo)["members"]}

    # and a later file without the term columns keeps the term
    status, body = demo.import_file(f"{header}\n2026013,서지원,FIN,7,일반직,committee\n".encode(), "staff",
                                    mode="partial")
    assert (status, body["changed"]) == (200, 1)
    assert demo.call("GET", "/directory/staff/2026013", claims=ADMIN)[1]["committee_term_end"] == TERM["term_end"]
