"""Imports that would remove people or hand out power: empty files, leaver thresholds, the caller, the last
administrator, and roles given to oneself or by HR (issue #8 §1, §2). Each test fails on 69f696f."""

from __future__ import annotations

import pytest

from common.errors import Conflict
from directory.rules.roles import plan_roles
from directory.storage import changes
from directory.storage.departments import departments_by_code
from directory.storage.staff import get_staff
from tests.builders import staff_claims
from tests.integration.directory.conftest import ADMIN, HR, demo_file

STAFF_LINES = demo_file("staff.csv").decode().splitlines()
HEADER = STAFF_LINES[0]
OTHER_ADMIN = staff_claims("devstack", "", "admin")  # an administrator outside the roster (the bootstrap import's)


def without(*employee_nos: str) -> bytes:
    return ("\n".join(x for x in STAFF_LINES if x.split(",")[0] not in employee_nos) + "\n").encode()


def snapshot(demo) -> tuple[int, list[dict]]:
    """What a refused import must leave untouched: the outbox and every staff record."""
    return len(demo.outbox()), sorted(demo.staff_items(), key=lambda i: i["pk"]["S"])


def test_a_header_only_staff_file_is_refused_and_changes_nothing(demo):
    before = snapshot(demo)

    for dry_run in ("true", "false"):
        status, body = demo.import_file(f"{HEADER}\n".encode(), "staff", dry_run=dry_run)

        assert (status, body["code"]) == (400, "ROSTER_EMPTY")
        assert "--data-binary" in body["message"]
    assert snapshot(demo) == before


def test_a_file_whose_line_breaks_were_stripped_is_refused(demo):
    # what `curl -d @staff.csv` sends: CR and LF removed, one giant header line, no data row
    stripped = demo_file("staff.csv").replace(b"\r", b"").replace(b"\n", b"")
    before = snapshot(demo)

    for dry_run in ("true", "false"):
        status, body = demo.import_file(stripped, "staff", dry_run=dry_run)
        assert (status, body["code"]) == (400, "ROSTER_EMPTY")
    assert snapshot(demo) == before


def test_more_leavers_than_the_county_allows_need_the_number_confirmed(demo):
    # Given the demo county allows 3 leavers per file without confirmation; this file makes 4
    file = without("2026014", "2026015", "2026024", "2026025")
    before = snapshot(demo)

    # When it is imported as is, it is refused and says how many and who
    status, body = demo.import_file(file, "staff")
    assert (status, body["code"]) == (422, "LEAVERS_CONFIRM_REQUIRED")
    assert body["details"] == {"leavers": 4, "allowed": 3,
                               "employee_nos": ["2026014", "2026015", "2026024", "2026025"]}
    assert snapshot(demo) == before

    # a dry run shows the effect and that a confirmation is needed
    status, dry = demo.import_file(file, "staff", dry_run="true")
    assert (status, dry["left"], dry["leavers"], dry["confirm_required"]) == (
        200, 4, ["2026014", "2026015", "2026024", "2026025"], True)

    # a wrong number is refused with the right one
    status, body = demo.import_file(file, "staff", confirm_leavers="3")
    assert (status, body["code"], body["details"]["leavers"]) == (409, "LEAVERS_MISMATCH", 4)
    assert snapshot(demo) == before

    # Then the confirmed number goes through
    status, done = demo.import_file(file, "staff", confirm_leavers="4")
    assert (status, done["left"], done["confirm_required"]) == (200, 4, False)
    assert demo.call("GET", "/directory/staff/2026025", claims=HR)[1]["active"] is False


def test_leavers_within_the_limit_need_no_confirmation(demo):
    status, summary = demo.import_file(without("2026014", "2026015", "2026024"), "staff")
    assert (status, summary["left"]) == (200, 3)


def test_the_caller_is_never_made_a_leaver(demo):
    before = snapshot(demo)
    for dry_run in ("true", "false"):
        status, body = demo.import_file(without("2026010"), "staff", dry_run=dry_run, confirm_leavers="1")
        assert (status, body["code"], body["details"]["employee_nos"]) == (422, "CALLER_WOULD_LEAVE", ["2026010"])
    assert snapshot(demo) == before


def test_the_last_administrator_is_never_removed(demo):
    before = snapshot(demo)

    # HR's full file without the only administrator
    status, body = demo.import_file(without("2026010"), "staff", claims=HR)
    assert (status, body["code"]) == (422, "LAST_ADMIN")

    # another administrator (outside the roster) taking the role away
    status, body = demo.call("PUT", "/directory/staff/2026010/roles", claims=OTHER_ADMIN, body={"roles": []})
    assert (status, body["code"]) == (422, "LAST_ADMIN")
    assert snapshot(demo) == before

    # with a second administrator in place, the first may go
    got = demo.call("PUT", "/directory/staff/2026006/roles", claims=ADMIN,
                     body={"roles": ["admin", "dept_head", "protection_officer"], "reason": "관리자 이중화"})
    assert got[0] == 200, got
    file = without("2026010").decode().replace("2026006,강성민,ADM,5,일반직,N,protection_officer,",
                                                "2026006,강성민,ADM,5,일반직,N,protection_officer;admin,")
    status, summary = demo.import_file(file.encode(), "staff", claims=HR)
    assert (status, summary["left"]) == (200, 1)


def test_nobody_changes_their_own_roles(demo):
    before = snapshot(demo)

    # the administrator giving itself `audit` (then it could approve grants)
    status, body = demo.call("PUT", "/directory/staff/2026010/roles", claims=ADMIN, body={"roles": ["admin", "audit"]})
    assert (status, body["code"]) == (403, "SELF_ROLE_CHANGE")
    # … nor through its own row of a staff file, nor as an ex-officio committee member
    own_row = next(x for x in STAFF_LINES if x.startswith("2026010,")).replace(",admin,", ",admin;audit,")
    status, body = demo.import_file(f"{HEADER}\n{own_row}\n".encode(), "staff", mode="partial")
    assert (status, body["code"]) == (403, "SELF_ROLE_CHANGE")
    status, body = demo.call("POST", "/directory/committee/members", claims=ADMIN, body={
        "civilian": False, "gender": "M", "employee_no": "2026010", "term_start": "2026-01-01",
        "term_end": "2027-12-31"})
    assert (status, body["code"]) == (403, "SELF_ROLE_CHANGE")
    assert snapshot(demo) == before


def departments_file(*rows: str) -> bytes:
    return ("부서코드,부서명,국실,구분,부서장사번\n" + "\n".join(rows) + "\n").encode()


def test_hr_may_not_appoint_heads(demo):
    before = snapshot(demo)

    # HR naming itself (ADM) or a colleague (FIN) head, in partial or full mode: refused whole
    for row in ("ADM,행정지원과,기획행정국,본청,2026007", "FIN,재무과,기획행정국,본청,2026012"):
        status, body = demo.import_file(departments_file(row), "departments", claims=HR, mode="partial")
        assert (status, body["code"]) == (403, "HEADS_ADMIN_ONLY")
        assert body["details"][0]["column"] == "부서장사번"
    full = demo_file("departments.csv").decode().replace("ADM,행정지원과,기획행정국,본청,2026006",
                                                         "ADM,행정지원과,기획행정국,본청,2026007")
    assert demo.import_file(full.encode(), "departments", claims=HR)[1]["code"] == "HEADS_ADMIN_ONLY"
    assert demo.call("GET", "/directory/departments/ADM", claims=HR)[1]["head_employee_no"] == "2026006"
    assert snapshot(demo) == before

    # HR's departments file that keeps the heads goes through
    renamed = departments_file("FIN,재무과(개칭),기획행정국,본청,2026011")
    assert demo.import_file(renamed, "departments", claims=HR, mode="partial")[1]["changed"] == 1


def test_nobody_appoints_themself_head(demo):
    status, body = demo.import_file(departments_file("ADM,행정지원과,기획행정국,본청,2026010"), "departments",
                                    mode="partial")
    assert (status, body["code"]) == (403, "SELF_APPOINTMENT")
    assert demo.call("GET", "/directory/departments/ADM", claims=ADMIN)[1]["head_employee_no"] == "2026006"


def test_an_old_token_keeps_no_power_the_directory_took_away(demo):
    # Given HR 2026007 left (a full file without them) while their token still says `hr`
    assert demo.import_file(without("2026007"), "staff")[1]["left"] == 1
    before = snapshot(demo)

    # When they import with that token, they are refused on the directory's current state
    status, body = demo.import_file(without("2026007", "2026014"), "staff", claims=HR)
    assert (status, body["code"]) == (403, "ROLE_NOT_CURRENT")
    assert snapshot(demo) == before
    # nor read their own record any more (a colleague still does)
    status, body = demo.call("GET", "/directory/me", claims=HR)
    assert (status, body["code"]) == (403, "ROLE_NOT_CURRENT")
    assert demo.call("GET", "/directory/me", claims=staff_claims("2026013", "FIN"))[0] == 200

    # and an administrator whose admin role was taken away cannot set roles with the old token
    assert demo.call("PUT", "/directory/staff/2026009/roles", claims=ADMIN,
                     body={"roles": ["admin", "panel"], "reason": "관리자 보조"})[0] == 200
    assert demo.call("PUT", "/directory/staff/2026009/roles", claims=ADMIN,
                     body={"roles": ["panel"], "reason": "보조 종료"})[0] == 200
    old_token = staff_claims("2026009", "ADM", "admin", "panel")
    status, body = demo.call("PUT", "/directory/staff/2026013/roles", claims=old_token, body={"roles": ["panel"]})
    assert (status, body["code"]) == (403, "ROLE_NOT_CURRENT")


def test_a_write_commits_only_while_the_callers_record_is_as_checked(demo):
    # Given an administrator's record as their request checked it, then changed before the write commits
    checked = get_staff("2026009")
    assert demo.call("PUT", "/directory/staff/2026009/roles", claims=ADMIN, body={"roles": []})[0] == 200
    target = get_staff("2026013")
    plan = plan_roles(target, ["panel"], None, None, departments=departments_by_code(),
                      people={}, updated_at="2026-11-30T10:00:00+09:00")
    plan.acting = checked

    # Then the write is refused as a whole (the role change raced the caller losing their power)
    with pytest.raises(Conflict):
        changes.apply(plan, source="admin:2026009")
    assert get_staff("2026013").roles == ()


def test_hr_bringing_a_leaver_back_does_not_give_their_old_roles_again(demo):
    # Given auditor 2026004 left (the record keeps `audit`, inactive)
    assert demo.import_file(without("2026004"), "staff")[1]["left"] == 1
    row = next(x for x in STAFF_LINES if x.startswith("2026004,"))

    # When HR brings them back with their old row (역할 audit) or a file without the 역할 column
    status, body = demo.import_file(f"{HEADER}\n{row}\n".encode(), "staff", claims=HR, mode="partial")
    assert (status, body["code"]) == (403, "ROLES_ADMIN_ONLY")
    no_roles = "사번,성명,부서코드,직급,고용형태\n2026004,최은영,AUD,8,일반직\n"
    status, body = demo.import_file(no_roles.encode(), "staff", claims=HR, mode="partial")
    assert (status, body["code"]) == (403, "ROLES_ADMIN_ONLY")

    # Then HR may bring them back without roles; an administrator may with them
    blank = row.replace(",audit,", ",,")
    assert demo.import_file(f"{HEADER}\n{blank}\n".encode(), "staff", claims=HR, mode="partial")[1]["changed"] == 1
    assert demo.call("GET", "/directory/staff/2026004", claims=HR)[1]["roles"] == ["staff"]
