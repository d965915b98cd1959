"""Roles without AWS: derived from headship, set by an administrator, powerful ones granted and confirmed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from common.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from common.identity import Role
from directory.rules import plans, records, roles
from tests.unit.directory.examples import ADMIN_LIM, DEPTS, KIM, NOW, SEO, caller


def test_roles_are_derived_from_headship():
    depts = {d.code: d for d in DEPTS}
    assert roles.derive_roles(["audit", "staff", "dept_head"], "2026011", "FIN", depts) == ("audit", "dept_head")
    assert roles.derive_roles(["dept_head"], "2026013", "FIN", depts) == ()
    assert roles.derive_roles([], "2026011", "CON", depts) == ()


def test_setting_roles():
    people = {"2026011": KIM}
    depts = {d.code: d for d in DEPTS}
    with pytest.raises(InvalidInput, match="임기"):
        roles.plan_roles(SEO, ["committee"], None, None, departments=depts, people=people, updated_at=NOW)
    with pytest.raises(InvalidInput):
        roles.plan_roles(SEO, ["panel"], date(2026, 1, 1), date(2026, 12, 31), departments=depts, people=people,
                         updated_at=NOW)
    with pytest.raises(RuleViolation):
        roles.plan_roles(replace(SEO, active=False), ["panel"], None, None, departments=depts, people=people,
                         updated_at=NOW)

    result = roles.plan_roles(SEO, ["dept_head"], None, None, departments=depts, people=people, updated_at=NOW)

    (unit,) = result.units
    assert unit.departments[0].after.head_employee_no == "2026013"
    assert {c.after.employee_no: c.after.roles for c in unit.staff} == {"2026011": (), "2026013": ("dept_head",)}


def test_role_values_are_the_identity_roles():
    assert {r.value for r in roles.ASSIGNABLE_ROLES} <= {r.value for r in Role}


def test_powerful_moves_follow_active_roles():
    made_admin = records.StaffChange(SEO, replace(SEO, roles=("admin", "panel")), "changed", ("roles",))
    assert roles.powerful_moves(made_admin, ["admin", "audit", "hr"]) == [("admin", "grant")]
    left = records.StaffChange(ADMIN_LIM, plans.leave(ADMIN_LIM), "left", ("active",))
    assert roles.powerful_moves(left, ["admin"]) == [("admin", "revoke")]
    back = records.StaffChange(plans.leave(ADMIN_LIM), ADMIN_LIM, "rejoined", ("active",))
    assert roles.powerful_moves(back, ["admin"]) == [("admin", "grant")]
    assert roles.powerful_moves(made_admin, ["audit"]) == []


def test_a_pending_grant_is_confirmed_by_another_current_administrator():
    grant = records.RoleGrant("g1", "2026013", "audit", "grant", "pending", "2026010", NOW, "admin:2026010")
    other = replace(ADMIN_LIM, employee_no="2026009")
    with pytest.raises(Forbidden, match="다른 관리자"):
        roles.confirmable(grant, caller("admin", no="2026010"), ADMIN_LIM)
    with pytest.raises(Forbidden, match="다른 관리자"):
        roles.confirmable(grant, caller("admin", no="2026013"), SEO)
    with pytest.raises(Forbidden) as error:
        roles.confirmable(grant, caller("admin", no="2026009"), replace(other, roles=()))
    assert error.value.code == "NOT_AN_ADMIN_NOW"
    roles.confirmable(grant, caller("admin", no="2026009"), other)
    with pytest.raises(Conflict):
        roles.confirmable(replace(grant, status="effective"), caller("admin", no="2026009"), other)
    assert grant.event().detail_type() == "RoleGrantRequested"
    assert replace(grant, status="effective").event().detail_type() == "RoleGranted"
