"""Nobody acts for the county on their own case or their own department's (self-dealing): the AA officer screening an
opinion request, the audit office screening, answering or sending up a pre-consulting, the audit head deciding an
exemption, the dedicated unit paying legal support, the protection officer counselling — each is refused on a case
its actor filed (or is the subject of), and, where the office judges the case, on one from the actor's department as
the directory has it. Where one person holds the office (a small county), the way out is the office's acting holder
(직무대리: the administrator gives another person the office's role for the case, `common.offices`), which the
refusal names."""

from __future__ import annotations

from collections.abc import Sequence

from common.errors import Forbidden
from common.identity import Role, role_labels


def check_not_own(*, actor: str | None, actor_department: str | None, requester: str, department: str | None,
                  offices: Sequence[Role], case_id: str) -> None:
    """`actor` (their department from the directory, None: not known there) acting in one of `offices` on a case
    `requester` filed for `department`; `department` None: only the actor's own case is barred (the protection
    officer counsels anyone but themself)."""
    label = role_labels(offices)
    details = {"case_id": case_id, "may_act": [r.value for r in offices]}
    if actor is not None and actor == requester:
        raise Forbidden(f"본인의 건은 처리할 수 없습니다. 다른 {label} 담당자가, 혼자 맡은 직위라면 관리자가 이 "
                        f"역할을 준 직무대리가 처리합니다.", code="OWN_APPLICATION", details=details)
    if department is None:
        return
    if actor_department is None:
        raise Forbidden("직원 명부에서 소속 부서를 확인할 수 없어 이 건을 처리할 수 없습니다. 잠시 뒤 다시 시도하거나 "
                        "관리자에게 명부 반영을 요청해 주세요.", code="DEPARTMENT_UNKNOWN", details=details)
    if actor_department == department:
        raise Forbidden(f"소속 부서({department})의 건은 처리할 수 없습니다. 다른 부서의 {label} 담당자가, 없으면 "
                        f"관리자가 이 역할을 준 다른 부서의 직무대리가 처리합니다.", code="OWN_DEPARTMENT",
                        details={**details, "department": department})
