"""The one self-dealing rule (consulting.rules.conflicts): the actor's own case, then their department's, then an
actor whose department the directory does not know; the refusal names the office and its acting holder."""

from __future__ import annotations

import pytest

from common.errors import Forbidden
from common.identity import Role
from consulting.rules.conflicts import check_not_own

CASE = {"requester": "R1", "department": "FIN", "offices": (Role.AUDIT,), "case_id": "PC-1"}


@pytest.mark.parametrize(("actor", "actor_department", "code"), [
    ("R1", "AUD", "OWN_APPLICATION"),  # their own, wherever the directory has them
    ("A1", "FIN", "OWN_DEPARTMENT"),
    ("A1", None, "DEPARTMENT_UNKNOWN"),
])
def test_refused(actor, actor_department, code):
    with pytest.raises(Forbidden) as refused:
        check_not_own(actor=actor, actor_department=actor_department, **CASE)
    assert refused.value.code == code and refused.value.details["may_act"] == ["audit"]
    if code != "DEPARTMENT_UNKNOWN":
        assert "감사부서" in refused.value.message and "직무대리" in refused.value.message


def test_allowed_from_another_department_and_only_the_own_case_where_the_department_does_not_count():
    check_not_own(actor="A1", actor_department="AUD", **CASE)
    check_not_own(actor="P1", actor_department=None, **{**CASE, "department": None})  # the protection officer
    with pytest.raises(Forbidden):
        check_not_own(actor="R1", actor_department=None, **{**CASE, "department": None})
