import pytest

from common.errors import Forbidden, Unauthorized
from common.identity import Role, caller_from_claims, caller_from_event
from tests.builders import api_event, resident_claims, staff_claims


def test_staff_claims_as_api_gateway_passes_them():
    caller = caller_from_claims(staff_claims("2026001", "FIN", "dept_head"))
    assert caller.employee_no == "2026001"
    assert caller.department == "FIN"
    assert caller.roles == {Role.STAFF, Role.DEPT_HEAD}
    assert caller.is_staff


def test_groups_as_a_real_list_and_unknown_groups_ignored():
    caller = caller_from_claims({"sub": "s", "cognito:username": "1", "cognito:groups": ["staff", "audit", "x"]})
    assert caller.roles == {Role.STAFF, Role.AUDIT}


def test_resident_has_no_employee_number():
    caller = caller_from_claims(resident_claims())
    assert caller.employee_no is None and not caller.is_staff
    with pytest.raises(Forbidden):
        caller.require(Role.STAFF)


def test_no_claims_is_unauthorized():
    with pytest.raises(Unauthorized):
        caller_from_event(api_event("GET", "/x"))


def test_role_department_and_self_scopes():
    head = caller_from_claims(staff_claims("2026001", "FIN", "dept_head"))
    head.require(Role.DEPT_HEAD, Role.AUDIT)
    head.require_department("FIN")
    with pytest.raises(Forbidden) as other:
        head.require_department("CON")
    assert other.value.code == "OTHER_DEPARTMENT"
    with pytest.raises(Forbidden) as role:
        head.require(Role.AUDIT)
    assert role.value.details == {"required_roles": ["audit"]}
    auditor = caller_from_claims(staff_claims("2026009", "AUD", "audit"))
    auditor.require_department("CON", unless=[Role.AUDIT])
    with pytest.raises(Forbidden) as not_yours:
        head.require_self("2026002")
    assert not_yours.value.code == "NOT_YOURS"
    head.require_self("2026001")
