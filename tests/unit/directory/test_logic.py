"""The directory's rules without AWS: diffs, derived roles, role changes, access, committee composition."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from common.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from common.identity import (
    Role,
    caller_from_claims,
)
from directory import logic
from directory.logic import CommitteeMember, Department, Staff
from directory.roster import parse_departments, parse_staff
from tests.builders import staff_claims

NOW = "2026-11-23T10:00:00+09:00"
TYPES = ["일반직", "공무직"]
DEPTS = [Department("FIN", "재무과", "기획행정국", "본청", "2026011", True, 1),
         Department("CON", "건설교통과", "경제복지국", "본청", None, True, 1)]
KIM = Staff("2026011", "한미경", "FIN", 5, "일반직", roles=("dept_head",), phone_enc="enc:041-830-0001", version=1)
SEO = Staff("2026013", "서지원", "FIN", 8, "일반직", version=1)


def reveal(employee_no: str, field: str, ciphertext: str) -> str:
    return ciphertext.removeprefix("enc:")


def rows(text: str):
    parsed, problems = parse_staff(text.encode(), employment_types=TYPES)
    assert problems == []
    return parsed


def plan(text: str, staff=(KIM, SEO), mode="full"):
    return logic.plan_staff(rows(text), DEPTS, list(staff), mode=mode, updated_at=NOW, reveal=reveal)


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
    assert moved.event() == ("EmployeeChanged", {"employee_no": "2026011", "department": "CON", "roles": ["staff"],
                                                 "active": True, "grade": 5, "employment_type": "일반직",
                                                 "team_leader": False, "version": 2,
                                                 "changed": ["department", "roles", "phone"]})
    assert changes["2026020"].event()[0] == "EmployeeJoined"
    assert changes["2026013"].event() == ("EmployeeLeft", {"employee_no": "2026013", "department": "FIN",
                                                           "roles": ["staff"], "active": False, "version": 2,
                                                           "changed": ["active"]})
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
        logic.plan_staff(rows("사번,성명,부서코드,직급,고용형태\n1,가,OLD,7,일반직\n2,나,NEW,7,일반직\n"), depts, [],
                         mode="full", updated_at=NOW, reveal=reveal)
    assert error.value.code == "ROSTER_INVALID"
    assert [(d["row"], d["column"]) for d in error.value.details] == [(2, "부서코드"), (3, "부서코드")]


def test_roles_are_derived_from_headship():
    depts = {d.code: d for d in DEPTS}
    assert logic.derive_roles(["audit", "staff", "dept_head"], "2026011", "FIN", depts) == ("audit", "dept_head")
    assert logic.derive_roles(["dept_head"], "2026013", "FIN", depts) == ()
    assert logic.derive_roles([], "2026011", "CON", depts) == ()


def test_transactions_never_split_a_unit():
    change = logic.StaffChange(SEO, replace(SEO, grade=7), "changed", ("grade",))
    units = [logic.Unit(staff=[change]) for _ in range(70)]
    batches = logic.pack(units)
    assert [len(b) for b in batches] == [33, 33, 4]
    assert all(sum(u.size for u in b) <= 100 for b in batches)


def test_a_unit_counts_department_history_and_committee_entries():
    member = replace(SEO, roles=("committee",), committee_term_start=date(2026, 1, 1),
                     committee_term_end=date(2027, 12, 31))
    joins_committee = logic.StaffChange(SEO, member, "changed", ("roles",))
    dept_change = logic.DepartmentChange(DEPTS[0], replace(DEPTS[0], head_employee_no=None))
    assert joins_committee.committee_write == "put"
    assert logic.StaffChange(member, replace(member, grade=7), "changed", ("grade",)).committee_write is None
    assert logic.StaffChange(member, logic.leave(member), "left", ("active",)).committee_write == "delete"
    # department + its history, staff + history + outbox + committee entry
    assert logic.Unit(departments=[dept_change], staff=[joins_committee]).size == 2 + 4


def test_setting_roles():
    people = {"2026011": KIM}
    depts = {d.code: d for d in DEPTS}
    with pytest.raises(InvalidInput, match="임기"):
        logic.plan_roles(SEO, ["committee"], None, None, departments=depts, people=people, updated_at=NOW)
    with pytest.raises(InvalidInput):
        logic.plan_roles(SEO, ["panel"], date(2026, 1, 1), date(2026, 12, 31), departments=depts, people=people,
                         updated_at=NOW)
    with pytest.raises(RuleViolation):
        logic.plan_roles(replace(SEO, active=False), ["panel"], None, None, departments=depts, people=people,
                         updated_at=NOW)

    result = logic.plan_roles(SEO, ["dept_head"], None, None, departments=depts, people=people, updated_at=NOW)

    (unit,) = result.units
    assert unit.departments[0].after.head_employee_no == "2026013"
    assert {c.after.employee_no: c.after.roles for c in unit.staff} == {"2026011": (), "2026013": ("dept_head",)}


def caller(*roles: str, no: str = "2026013", dept: str = "FIN"):
    return caller_from_claims(staff_claims(no, dept, *roles))


def test_who_may_see_a_staff_record():
    logic.may_view_staff(caller(), SEO)  # self
    logic.may_view_staff(caller("dept_head", no="2026011"), SEO)
    logic.may_view_staff(caller("audit", no="2026002", dept="AUD"), SEO)
    with pytest.raises(Forbidden):
        logic.may_view_staff(caller("dept_head", no="2026016", dept="CON"), SEO)
    with pytest.raises(Forbidden):
        logic.may_view_staff_at_all(caller(no="2026014"), "2026013")
    assert logic.sees_contacts(caller(), SEO) and logic.sees_contacts(caller("hr", no="2026007", dept="ADM"), SEO)
    assert not logic.sees_contacts(caller("audit", no="2026002", dept="AUD"), SEO)
    assert logic.search_scope(caller("dept_head", no="2026011")) == "FIN"
    assert logic.search_scope(caller("hr", no="2026007", dept="ADM")) is None


def test_committee_composition_counts_only_serving_members():
    day = date(2026, 11, 23)
    members = [
        CommitteeMember("EMP-1", False, "M", employee_no="1"),
        CommitteeMember("CIV-1", True, "F", term_start=date(2026, 1, 1), term_end=date(2027, 12, 31)),
        CommitteeMember("CIV-2", True, "M", term_start=date(2024, 1, 1), term_end=date(2025, 12, 31)),  # ended
    ]
    composition = logic.committee_composition(members, day)
    assert (composition["serving"], composition["civilian_count"], composition["civilian_share"]) == (2, 1, 0.5)
    assert composition["civilian_majority_met"] is True and composition["size_within_limits"] is False
    assert composition["gender"] == {"M": 1, "F": 1, "unknown": 0}


def test_import_ids_differ_by_kind_and_mode():
    ids = {logic.import_id_of(b"x", k, m) for k in ("departments", "staff") for m in ("full", "partial")}
    assert len(ids) == 4


def test_role_values_are_the_identity_roles():
    assert {r.value for r in logic.ASSIGNABLE_ROLES} <= {r.value for r in Role}


def test_an_employee_sees_only_themself_in_their_department():
    assert logic.members_scope(caller(), "FIN") == "self"
    assert logic.members_scope(caller("dept_head", no="2026011"), "FIN") == "all"
    assert logic.members_scope(caller("audit", no="2026002", dept="AUD"), "FIN") == "all"
    with pytest.raises(Forbidden):
        logic.members_scope(caller(), "CON")
    with pytest.raises(Forbidden):
        logic.search_scope(caller("dept_head", no="2026011"), include_inactive=True)
    assert logic.search_scope(caller("hr", no="2026007", dept="ADM"), include_inactive=True) is None


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
    result = logic.plan_departments(rows, DEPTS, [KIM, SEO], mode="partial", updated_at=NOW)
    assert (result.unchanged, result.units) == (1, [])


def test_a_term_for_someone_not_serving_is_a_row_problem_when_the_file_has_no_roles():
    with pytest.raises(InvalidInput) as error:
        plan("사번,성명,부서코드,직급,고용형태,위원임기시작,위원임기종료\n2026013,서지원,FIN,8,일반직,2026-01-01,2027-12-31\n",
             mode="partial")
    assert [(d["row"], d["column"], d["value"]) for d in error.value.details] == [(2, "위원임기시작", "2026-01-01")]


# ---------------------------------------------------------------- removals, self-escalation, powerful roles (#8)
ADMIN_LIM = Staff("2026010", "임재현", "ADM", 7, "일반직", roles=("admin",), version=1)


def test_the_leaver_limit_is_the_smaller_of_count_and_share():
    assert logic.LeaverLimit(10).of(2000) == 10
    assert logic.LeaverLimit(10, 5.0).of(2000) == 10
    assert logic.LeaverLimit(10, 5.0).of(100) == 5
    assert logic.LeaverLimit(3, 10.0).of(30) == 3
    assert logic.LeaverLimit(3, 10.0).of(25) == 2


def test_removals_are_guarded():
    staff = [KIM, SEO, ADMIN_LIM]
    everyone_leaves = plan("사번,성명,부서코드,직급,고용형태\n2026011,한미경,FIN,5,일반직\n", staff=staff)
    assert everyone_leaves.leavers == ["2026010", "2026013"]

    def guard(the_plan, who="2026011", confirm=None, dry_run=False, limit=logic.LeaverLimit(1)):
        return logic.guard_removals(the_plan, staff, caller=caller("admin", no=who), limit=limit,
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


def test_powerful_moves_follow_active_roles():
    made_admin = logic.StaffChange(SEO, replace(SEO, roles=("admin", "panel")), "changed", ("roles",))
    assert logic.powerful_moves(made_admin, ["admin", "audit", "hr"]) == [("admin", "grant")]
    left = logic.StaffChange(ADMIN_LIM, logic.leave(ADMIN_LIM), "left", ("active",))
    assert logic.powerful_moves(left, ["admin"]) == [("admin", "revoke")]
    back = logic.StaffChange(logic.leave(ADMIN_LIM), ADMIN_LIM, "rejoined", ("active",))
    assert logic.powerful_moves(back, ["admin"]) == [("admin", "grant")]
    assert logic.powerful_moves(made_admin, ["audit"]) == []


def test_a_pending_grant_is_confirmed_by_another_current_administrator():
    grant = logic.RoleGrant("g1", "2026013", "audit", "grant", "pending", "2026010", NOW, "admin:2026010")
    other = replace(ADMIN_LIM, employee_no="2026009")
    with pytest.raises(Forbidden, match="다른 관리자"):
        logic.confirmable(grant, caller("admin", no="2026010"), ADMIN_LIM)
    with pytest.raises(Forbidden, match="다른 관리자"):
        logic.confirmable(grant, caller("admin", no="2026013"), SEO)
    with pytest.raises(Forbidden) as error:
        logic.confirmable(grant, caller("admin", no="2026009"), replace(other, roles=()))
    assert error.value.code == "NOT_AN_ADMIN_NOW"
    logic.confirmable(grant, caller("admin", no="2026009"), other)
    with pytest.raises(Conflict):
        logic.confirmable(replace(grant, status="effective"), caller("admin", no="2026009"), other)
    assert grant.event()[0] == "RoleGrantRequested"
    assert replace(grant, status="effective").event()[0] == "RoleGranted"
