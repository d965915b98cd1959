"""The statutory offices (issue #10 §1): roles the roster gives, one person holding several, who holds what and does
what in this county (GET /directory/offices), and the duties and offices a roster leaves unheld — warned about, in
the import's answer (its dry run too) and in the offices' list, never silently."""

from __future__ import annotations

from tests.builders import demo_county_with, resident_claims
from tests.integration.directory.conftest import ADMIN, FIN_STAFF, demo_file

STAFF_LINES = demo_file("staff.csv").decode().splitlines()
HEADER = STAFF_LINES[0]


def row(employee_no: str) -> str:
    return next(x for x in STAFF_LINES if x.startswith(f"{employee_no},"))


def offices(demo, claims=FIN_STAFF) -> dict:
    status, body = demo.call("GET", "/directory/offices", claims=claims)
    assert status == 200, body
    return body


def holders(listing: dict) -> dict[str, list[tuple[str, str, str]]]:
    return {o["office"]: [(h["employee_no"], h["name"], h["department"]) for h in o["holders"]]
            for o in listing["offices"]}


def warned(listing: dict) -> set[tuple[str, str]]:
    return {(w["code"], w["duty"] or w["office"]) for w in listing["warnings"]}


def unheld(office: str) -> set[tuple[str, str]]:
    """What a roster without `office` is warned about: the office, and every duty the county gives it alone (each
    area adds its duties: mileage's, the committee's, consulting's …)."""
    from common.county import county
    from common.identity import Role
    from common.offices import Duty

    section = county().offices
    return {("OFFICE_UNHELD", office)} | {("DUTY_UNHELD", d.value) for d in Duty if section.roles(d) == (Role(office),)}


def test_every_employee_sees_who_holds_each_office_and_what_it_does_here(demo):
    listing = offices(demo)

    assert holders(listing) == {
        "aa_unit": [("2026003", "박민호", "AUD")],
        "aa_officer": [("2026001", "김정훈", "AUD")],
        "protection_officer": [("2026006", "강성민", "ADM")],
        "audit_head": [("2026001", "김정훈", "AUD")],
        "audit": [("2026001", "김정훈", "AUD"), ("2026002", "이수진", "AUD"), ("2026003", "박민호", "AUD"),
                  ("2026004", "최은영", "AUD")],
        "hr": [("2026007", "조현우", "ADM"), ("2026008", "윤서연", "ADM")],
        "panel": [("2026009", "장영수", "ADM"), ("2026020", "홍경숙", "CON")],
        "committee_chair": [],
        "committee_secretary": [("2026003", "박민호", "AUD")],
    }
    duties = {o["office"]: o["duties"] for o in listing["offices"]}
    assert duties["audit"][:2] == ["mileage.approver", "mileage.deductions"]  # the demo county: Jung-gu's mapping
    assert duties["hr"][0] == "mileage.redemptions" and "mileage.approver" not in duties["aa_unit"]
    assert {o["office"]: o["label"] for o in listing["offices"]}["protection_officer"] == "적극행정 보호관"
    assert listing["warnings"] == []
    # nothing personal beyond name and department
    assert all(set(h) == {"employee_no", "name", "department", "since"} for o in listing["offices"]
               for h in o["holders"])


def test_residents_and_callers_without_a_token_do_not_see_the_offices(demo):
    assert demo.call("GET", "/directory/offices", claims=resident_claims())[0] == 403
    assert demo.call("GET", "/directory/offices")[0] == 401


def test_a_leaving_protection_officer_is_warned_about_by_the_import_and_the_list(demo):
    file = ("\n".join(x for x in STAFF_LINES if not x.startswith("2026006,")) + "\n").encode()

    # the dry run already says what the roster would leave unheld, and writes nothing
    status, dry = demo.import_file(file, "staff", dry_run="true")
    assert status == 200 and dry["left"] == 1
    assert warned(dry) == unheld("protection_officer")
    assert holders(offices(demo))["protection_officer"] == [("2026006", "강성민", "ADM")]

    status, done = demo.import_file(file, "staff")
    assert status == 200 and done["left"] == 1
    assert warned(done) == unheld("protection_officer")
    listing = offices(demo)
    assert holders(listing)["protection_officer"] == []
    assert warned(listing) == unheld("protection_officer")
    assert "보호관" in listing["warnings"][0]["message"]


def test_an_office_follows_its_holder_to_another_department_and_ends_with_the_role(demo):
    moved = row("2026003").replace(",AUD,7,", ",FIN,7,")
    status, _ = demo.import_file(f"{HEADER}\n{moved}\n".encode(), "staff", mode="partial")
    assert status == 200
    assert holders(offices(demo))["aa_unit"] == [("2026003", "박민호", "FIN")]

    status, body = demo.call("PUT", "/directory/staff/2026001/roles", claims=ADMIN,
                             body={"roles": ["audit", "audit_head", "committee", "dept_head"], "reason": "책임관 교체",
                                   "committee_term_start": "2026-01-01", "committee_term_end": "2027-12-31"})
    assert status == 200, body
    listing = offices(demo)
    assert holders(listing)["aa_officer"] == []
    assert holders(listing)["audit_head"] == [("2026001", "김정훈", "AUD")]  # the other office stays
    assert warned(listing) == unheld("aa_officer")


def test_a_single_holder_office_given_to_two_people_is_warned_about(demo):
    status, body = demo.call("PUT", "/directory/staff/2026002/roles", claims=ADMIN,
                             body={"roles": ["audit", "audit_head"], "reason": "감사실장 직무대리"})
    assert status == 200, body
    assert warned(offices(demo)) == {("OFFICE_SHARED", "audit_head")}


def test_where_the_dedicated_unit_approves_mileage_a_roster_without_it_is_warned_about(demo, tmp_path, monkeypatch):
    # Goseong's mapping: 기획조정실's team approves
    with demo_county_with(tmp_path, monkeypatch, "    mileage.approver: audit", "    mileage.approver: aa_unit"):
        listing = offices(demo)
        assert "mileage.approver" in next(o["duties"] for o in listing["offices"] if o["office"] == "aa_unit")
        assert listing["warnings"] == []

        without_unit = row("2026003").replace("audit;aa_unit;committee_secretary", "audit;committee_secretary")
        status, dry = demo.import_file(f"{HEADER}\n{without_unit}\n".encode(), "staff", mode="partial",
                                       dry_run="true")
        assert status == 200
        assert ("DUTY_UNHELD", "mileage.approver") in warned(dry) and warned(dry) == unheld("aa_unit")
        assert any("마일리지 부여 승인" in w["message"] for w in dry["warnings"])


def test_the_roster_gives_office_roles_and_refuses_unknown_ones(demo):
    plain = row("2026013")
    status, body = demo.import_file(f"{HEADER}\n{plain.replace(',N,,', ',N,chief,')}\n".encode(), "staff",
                                    mode="partial")
    assert (status, body["code"]) == (400, "ROSTER_INVALID")
    assert "aa_unit" in str(body["details"])  # the allowed roles are listed, the offices among them

    status, body = demo.import_file(f"{HEADER}\n{plain.replace(',N,,', ',N,protection_officer,')}\n".encode(),
                                    "staff", mode="partial")
    assert status == 200 and body["changed"] == 1
    assert warned(body) == {("OFFICE_SHARED", "protection_officer")}
    assert [h[0] for h in holders(offices(demo))["protection_officer"]] == ["2026006", "2026013"]
