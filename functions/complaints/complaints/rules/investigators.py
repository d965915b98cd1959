"""Who may investigate a case: never the official reported, nor anyone in their department (recusal the system
enforces), and only someone of the office mapped to `complaints.investigation`."""

from __future__ import annotations

from common.errors import RuleViolation


def check_investigator(*, employee_no: str, department: str | None, official: str | None,
                       official_department: str | None, also: tuple[str | None, ...] = ()) -> None:
    """`official_department`: the one the report names; `also`: others the official is known in (the directory's)."""
    if official and employee_no == official:
        raise RuleViolation("신고된 공무원 본인은 조사할 수 없습니다.", code="INVESTIGATOR_IS_REPORTED")
    if department and department in {d for d in (official_department, *also) if d}:
        raise RuleViolation("신고된 공무원과 같은 부서의 직원은 조사할 수 없습니다.",
                            code="INVESTIGATOR_SAME_DEPARTMENT",
                            details={"department": department})


def concerned(*, employee_no: str | None, department: str | None, officials: list[str],
              departments: list[str]) -> bool:
    """The caller is one of the officials reported or works in their department: they never handle the case."""
    return (employee_no is not None and employee_no in officials) or (
        department is not None and department != "" and department in departments)
