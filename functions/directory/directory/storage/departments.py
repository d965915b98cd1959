"""Reading departments (written only as part of a plan: `storage.changes`)."""

from __future__ import annotations

from common.dynamo import must_find
from common.errors import NotFound
from directory.rules.records import Department
from directory.storage.items import DEPTS, DepartmentItem


def departments() -> list[Department]:
    return [item.domain() for item in DepartmentItem.by_list.query(DEPTS)]


def departments_by_code() -> dict[str, Department]:
    return {d.code: d for d in departments()}


def get_department(code: str) -> Department:
    missing = NotFound("부서를 찾을 수 없습니다.", code="DEPARTMENT_NOT_FOUND")
    return must_find(DepartmentItem, *DepartmentItem.key(code), missing).domain()
