"""Roster imports planned without AWS: diffs, row problems against the directory, guards on removals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from common.errors import Conflict, InvalidInput, RuleViolation
from directory.rules import plans
from directory.rules.records import Department
from directory.rules.roster import parse_departments
from tests.unit.directory.examples import ADMIN_LIM, DEPTS, KIM, NOW, SEO, caller, plan, published, reveal, rows


def test_an_unchanged_file_plans_nothing():
    result = plan("사번,성명,부서코드,직급,고용형태,전화\n"
                  "2026011,한미경,FIN,5,일반직,041-830-0001\n2026013,서지원,FIN,8,일반직,\n")
    assert (result.unchanged, result.units) == (2, [])


def test_a_move_a_new_phone_and_a_leaver():
    result = plan("사번,성명,부서코드,직급,고용형태,전화\n"
                  "2026011,한미경,CON,5,일반직,041-830-0002\n2026020,홍경숙,CON,4,일반직,\n")

    changes = {u.staff[0].after.employee_no: u.staff[0] for u in result.units}
    moved = changes["2026011"]
    assert moved.changed == ("department", "roles", "phone")  # a head who leaves their department stops heading it
    assert moved.after.roles == () and moved.contacts == {"phone": "041-830-0002"} and moved.after.version == 2
    assert moved.history()["phone"] == {"changed": True}
    assert moved.history()["department"] == {"from": "FIN", "to": "CON"}
    assert published(moved.event()) == (
        "EmployeeChanged", {"employee_no": "2026011", "department": "CON", "roles": ["staff"], "active": True,
                            "grade": 5, "employment_type": "일반직", "team_leader": False, "version": 2,
                            "seconded_from": None, "changed": ["department", "roles", "phone"]})
    assert changes["2026020"].event().detail_type() == "EmployeeJoined"
    assert published(changes["2026013"].event()) == (
        "EmployeeLeft", {"employee_no": "2026013", "department": "FIN", "roles": ["staff"], "active": False,
                         "version": 2, "changed": ["active"]})
    assert (result.created, result.changed, result.left) == (1, 1, 1)
    # the head's move leaves FIN without a head, in the move's own transaction
    (unit,) = [u for u in result.units if u.staff[0].after.employee_no == "2026011"]
    assert [(d.before.head_employee_no, d.after.head_employee_no, d.kind) for d in unit.departments] == [
        ("2026011", None, "changed")]
    assert unit.departments[0].history() == {"head_employee_no": {"from": "2026011", "to": None}}


def test_partial_mode_keeps_absent_staff_and_missing_columns_keep_values():
    result = plan("사번,성명,부서코드,직급,고용형태\n2026013,서지원,FIN,7,일반직\n",
                  staff=(KIM, replace(SEO, roles=("panel",))), mode="partial")
    (unit,) = result.units
    assert unit.staff[0].changed == ("grade",) and unit.staff[0].after.roles == ("panel",)
    assert result.left == 0


def test_a_leaver_who_comes_back_is_rejoined():
    result = plan("사번,성명,부서코드,직급,고용형태\n2026013,서지원,FIN,8,일반직\n",
                  staff=(replace(SEO, active=False),), mode="partial")
    assert result.units[0].staff[0].kind == "rejoined"
    assert result.units[0].staff[0].changed == ("active",)


def test_an_unknown_or_closed_department_is_a_row_problem():
    depts = [*DEPTS, Department("OLD", "폐지과", "국", "본청", None, False)]
    with pytest.raises(InvalidInput) as error:
        plans.plan_staff(rows("사번,성명,부서코드,직급,고용형태\n1,가,OLD,7,일반직\n2,나,NEW,7,일반직\n"), depts, [],
                         mode="full", updated_at=NOW, reveal=reveal)
    assert error.value.code == "ROSTER_INVALID"
    assert [(d["row"], d["column"]) for d in error.value.details] == [(2, "부서코드"), (3, "부서코드")]


def test_import_ids_differ_by_kind_and_mode():
    ids = {plans.import_id_of(b"x", k, m) for k in ("departments", "staff") for m in ("full", "partial")}
    assert len(ids) == 4


def test_a_staff_row_that_changes_roles_is_a_role_edit():
    header = "사번,성명,부서코드,직급,고용형태,역할\n"
    same = plan(header + "2026011,한미경,FIN,5,일반직,\n2026013,서지원,FIN,7,일반직,\n", mode="partial")
    assert same.role_edits == {} and len(same.units) == 1
    edits = plan(header + "2026013,서지원,FIN,8,일반직,admin\n2026020,홍경숙,CON,4,일반직,\n", mode="partial")
    assert [(no, p.row, p.value) for no, p in edits.role_edits.items()] == [("2026013", 2, "admin")]


def test_committee_needs_a_term_when_a_roster_grants_it():
    header = "사번,성명,부서코드,직급,고용형태,역할\n"
    with pytest.raises(InvalidInput) as error:
        plan(header + "2026013,서지원,FIN,8,일반직,committee\n", mode="partial")
    assert [(d["row"], d["column"]) for d in error.value.details] == [(2, "위원임기시작")]
    # someone already serving keeps their term when the file has no term columns
    member = replace(SEO, roles=("committee",), committee_term_start=date(2026, 1, 1),
                     committee_term_end=date(2027, 12, 31))
    result = plan(header + "2026013,서지원,FIN,7,일반직,committee\n", staff=(KIM, member), mode="partial")
    assert result.units[0].staff[0].after.committee_term_end == date(2027, 12, 31)


def test_a_department_file_without_heads_keeps_them():
    text = "부서코드,부서명,국실,구분\nFIN,재무과,기획행정국,본청\n"
    rows, problems = parse_departments(text.encode(), kinds=("본청",))
    assert problems == []
    result = plans.plan_departments(rows, DEPTS, [KIM, SEO], mode="partial", updated_at=NOW)
    assert (result.unchanged, result.units) == (1, [])


def test_a_term_for_someone_not_serving_is_a_row_problem_when_the_file_has_no_roles():
    with pytest.raises(InvalidInput) as error:
        plan("사번,성명,부서코드,직급,고용형태,위원임기시작,위원임기종료\n2026013,서지원,FIN,8,일반직,2026-01-01,2027-12-31\n",
             mode="partial")
    assert [(d["row"], d["column"], d["value"]) for d in error.value.details] == [(2, "위원임기시작", "2026-01-01")]


def test_the_leaver_limit_is_the_smaller_of_count_and_share():
    assert plans.LeaverLimit(10).of(2000) == 10
    assert plans.LeaverLimit(10, 5.0).of(2000) == 10
    assert plans.LeaverLimit(10, 5.0).of(100) == 5
    assert plans.LeaverLimit(3, 10.0).of(30) == 3
    assert plans.LeaverLimit(3, 10.0).of(25) == 2


def test_removals_are_guarded():
    staff = [KIM, SEO, ADMIN_LIM]
    everyone_leaves = plan("사번,성명,부서코드,직급,고용형태\n2026011,한미경,FIN,5,일반직\n", staff=staff)
    assert everyone_leaves.leavers == ["2026010", "2026013"]

    def guard(the_plan, who="2026011", confirm=None, dry_run=False, limit=plans.LeaverLimit(1)):
        return plans.guard_removals(the_plan, staff, caller=caller("admin", no=who), limit=limit,
                                    confirm_leavers=confirm, dry_run=dry_run)

    with pytest.raises(RuleViolation) as error:
        guard(everyone_leaves, who="2026013", confirm=2)
    assert error.value.code == "CALLER_WOULD_LEAVE"
    with pytest.raises(RuleViolation) as error:
        guard(everyone_leaves, confirm=2)
    assert error.value.code == "LAST_ADMIN"

    two_leave = plan("사번,성명,부서코드,직급,고용형태,역할\n2026020,홍경숙,CON,4,일반직,admin\n",
                     staff=staff)  # a new administrator joins while 2026011, 2026013 and 2026010 leave
    assert two_leave.leavers == ["2026010", "2026011", "2026013"]
    with pytest.raises(RuleViolation) as error:
        guard(two_leave, who="2026020")
    assert (error.value.code, error.value.details["allowed"]) == ("LEAVERS_CONFIRM_REQUIRED", 1)
    assert guard(two_leave, who="2026020", dry_run=True) is True
    with pytest.raises(Conflict):
        guard(two_leave, who="2026020", confirm=2)
    assert guard(two_leave, who="2026020", confirm=3) is False
