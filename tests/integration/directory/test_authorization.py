"""Who may call what: every route against every kind of caller (the demo roster loaded)."""

from __future__ import annotations

from tests.builders import resident_claims, staff_claims
from tests.integration.directory.conftest import ADMIN, AUDITOR, CON_HEAD, FIN_HEAD, FIN_STAFF, HR, demo_file

OTHER_STAFF = staff_claims("2026014", "FIN")
CALLERS = {
    "nobody": None, "resident": resident_claims(), "staff": FIN_STAFF, "other_staff": OTHER_STAFF,
    "fin_head": FIN_HEAD, "con_head": CON_HEAD, "audit": AUDITOR, "hr": HR, "admin": ADMIN,
}
TINY_FILE = "사번,성명,부서코드,직급,고용형태\n2026015,권나래,FIN,,공무직\n".encode()
EVERY_STAFF = {"nobody": 401, "resident": 403, "staff": 200, "other_staff": 200, "fin_head": 200, "con_head": 200,
               "audit": 200, "hr": 200, "admin": 200}


def only(allowed: set[str], status: int = 200) -> dict[str, int]:
    return {who: 401 if who == "nobody" else status if who in allowed else 403 for who in CALLERS}


ROUTES = {
    "me": (("GET", "/directory/me"), {}, EVERY_STAFF),
    "departments": (("GET", "/directory/departments"), {}, EVERY_STAFF),
    "department": (("GET", "/directory/departments/FIN"), {}, EVERY_STAFF),
    "members": (("GET", "/directory/departments/FIN/members"), {},
                only({"staff", "other_staff", "fin_head", "audit", "hr", "admin"})),
    "search": (("GET", "/directory/staff"), {"query": {"name": "서"}},
               only({"fin_head", "con_head", "audit", "hr", "admin"})),
    "staff": (("GET", "/directory/staff/2026013"), {}, only({"staff", "fin_head", "audit", "hr", "admin"})),
    "history": (("GET", "/directory/staff/2026013/history"), {}, only({"staff", "hr", "admin"})),
    "roles": (("PUT", "/directory/staff/2026014/roles"), {"body": {"roles": ["panel"]}}, only({"admin"})),
    "import": (("POST", "/directory/imports"),
               {"query": {"kind": "staff", "mode": "partial"}, "raw_body": TINY_FILE}, only({"hr", "admin"})),
    "committee": (("GET", "/directory/committee/members"), {}, only({"con_head", "audit", "hr", "admin"})),
    "role_grants": (("GET", "/directory/role-grants"), {}, only({"audit", "admin"})),
    "confirm_grant": (("POST", f"/directory/role-grants/{'0' * 32}/confirm"), {},
                      {**only({"admin"}, 404)}),
    "add_member": (("POST", "/directory/committee/members"),
                   {"body": {"civilian": False, "gender": "F", "employee_no": "2026022",
                             "term_start": "2026-01-01", "term_end": "2027-12-31"}},
                   only({"admin"}, 201)),
    "change_member": (("PATCH", "/directory/committee/members/CIV-0"), {"body": {"term_end": "2027-12-31"}},
                      only({"admin"}, 404)),
    "end_member": (("DELETE", "/directory/committee/members/CIV-0"), {}, only({"admin"}, 404)),
    "member_account": (("POST", "/directory/committee/members/CIV-0/account"), {}, only({"admin"}, 404)),
}


def test_every_route_checks_the_caller(demo):
    """One roster load for the whole matrix: {route: {caller: status}} must match exactly."""
    _, summary = demo.import_file(TINY_FILE, "staff", mode="partial")
    routes = {**ROUTES, "import_result": (("GET", f"/directory/imports/{summary['import_id']}"), {},
                                          only({"hr", "admin"}))}
    got, expected = {}, {}
    for route, ((method, path), kwargs, allowed) in routes.items():
        got[route] = {who: demo.call(method, path, claims=claims, **kwargs)[0] for who, claims in CALLERS.items()}
        expected[route] = allowed
    assert got == expected


def test_a_head_of_another_department_is_told_so(demo):
    status, body = demo.call("GET", "/directory/departments/FIN/members", claims=CON_HEAD)
    assert (status, body["code"]) == (403, "OTHER_DEPARTMENT")
    status, body = demo.call("GET", "/directory/departments/CON/members", claims=FIN_STAFF)
    assert (status, body["code"]) == (403, "OTHER_DEPARTMENT")
    status, body = demo.call("GET", "/directory/departments/FIN/members", claims=resident_claims())
    assert (status, body["code"]) == (403, "ROLE_REQUIRED")


def test_an_employee_listing_their_own_department_sees_only_themself(demo):
    # Given a plain employee of FIN (no head, no oversight role)
    # When they list FIN's members
    status, body = demo.call("GET", "/directory/departments/FIN/members", claims=FIN_STAFF)

    # Then they get 200 with exactly themself, while FIN's head and the auditor see everyone
    assert status == 200
    assert [s["employee_no"] for s in body["staff"]] == ["2026013"]
    heads_view = demo.call("GET", "/directory/departments/FIN/members", claims=FIN_HEAD)[1]["staff"]
    auditors_view = demo.call("GET", "/directory/departments/FIN/members", claims=AUDITOR)[1]["staff"]
    assert len(heads_view) == len(auditors_view) == 5


def test_contacts_are_shown_only_to_the_employee_hr_and_admin(demo):
    def phone(claims):
        return demo.call("GET", "/directory/staff/2026013", claims=claims)[1].get("phone")

    assert phone(FIN_STAFF) == phone(HR) == phone(ADMIN) == "041-830-2013"
    assert phone(FIN_HEAD) is None and phone(AUDITOR) is None
    _status, me = demo.call("GET", "/directory/me", claims=FIN_STAFF)
    assert (me["employee_no"], me["phone"], me["roles"]) == ("2026013", "041-830-2013", ["staff"])


def test_name_search_is_limited_to_the_heads_own_department(demo):
    def found(claims, prefix):
        status, body = demo.call("GET", "/directory/staff", claims=claims, query={"name": prefix})
        assert status == 200
        return sorted(s["employee_no"] for s in body["staff"])

    assert found(AUDITOR, "서") == ["2026013"]
    assert found(AUDITOR, "송하") == ["2026018"]
    assert found(FIN_HEAD, "서") == ["2026013"]
    assert found(CON_HEAD, "서") == []
    assert found(HR, "없는이름") == []
    status, _body = demo.call("GET", "/directory/staff", claims=HR, query={"name": ""})
    assert status == 422


def test_members_lists_the_active_members_of_the_department(demo):
    _status, body = demo.call("GET", "/directory/departments/FIN/members", claims=FIN_HEAD)
    assert [s["employee_no"] for s in body["staff"]] == ["2026015", "2026013", "2026014", "2026012", "2026011"]
    assert demo.call("GET", "/directory/departments/NOPE/members", claims=AUDITOR)[0] == 404


def test_name_search_leaves_out_leavers_unless_hr_or_admin_asks(demo):
    # Given 2026013 (서지원) left: a full staff file without them
    lines = demo_file("staff.csv").decode().splitlines()
    assert demo.import_file(("\n".join(x for x in lines if not x.startswith("2026013,")) + "\n").encode(),
                            "staff")[1]["left"] == 1

    def found(claims, **query):
        status, body = demo.call("GET", "/directory/staff", claims=claims, query={"name": "서", **query})
        return status, sorted(s["employee_no"] for s in body["staff"]) if status == 200 else body["code"]

    # Then an ordinary search finds only people still employed, for everyone
    assert found(AUDITOR) == found(FIN_HEAD) == found(HR) == (200, [])
    # and HR or an administrator may ask for leavers explicitly; nobody else may
    assert found(HR, include_inactive="true") == found(ADMIN, include_inactive="true") == (200, ["2026013"])
    assert found(AUDITOR, include_inactive="true") == (403, "ROLE_REQUIRED")
