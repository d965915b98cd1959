"""Who is calling: the caller from the JWT claims the HTTP API authorizer verified, and the checks routes make.

Staff tokens carry the employee number (`cognito:username`), the department (`custom:department`) and the roles
(`cognito:groups`). Residents sign in through a pool of their own: a token whose issuer is that pool
(`RESIDENT_POOL_ID`, set on every function by the template) is a resident's, known only by the opaque `sub`, with no
employee number, department or group.
API Gateway hands array claims over as a string like "[a b]", so both forms are accepted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from common.errors import Forbidden, Unauthorized


class Role(StrEnum):
    STAFF = "staff"
    DEPT_HEAD = "dept_head"
    AUDIT = "audit"
    COMMITTEE = "committee"
    HR = "hr"
    ADMIN = "admin"
    PANEL = "panel"
    AA_UNIT = "aa_unit"  # 적극행정 전담부서 (the dedicated unit's staff)
    AA_OFFICER = "aa_officer"  # 적극행정 책임관
    PROTECTION_OFFICER = "protection_officer"  # 적극행정 보호관
    AUDIT_HEAD = "audit_head"  # 감사기구의 장 (audit staff: AUDIT)
    COMMITTEE_CHAIR = "committee_chair"
    COMMITTEE_SECRETARY = "committee_secretary"  # 간사
    RESIDENT = "resident"


ROLE_LABELS_KO: dict[Role, str] = {
    Role.STAFF: "직원",
    Role.DEPT_HEAD: "부서장",
    Role.AUDIT: "감사부서",
    Role.COMMITTEE: "적극행정위원회 위원",
    Role.HR: "인사부서",
    Role.ADMIN: "시스템 관리자",
    Role.PANEL: "평가단",
    Role.AA_UNIT: "적극행정 전담부서",
    Role.AA_OFFICER: "적극행정 책임관",
    Role.PROTECTION_OFFICER: "적극행정 보호관",
    Role.AUDIT_HEAD: "감사기구의 장",
    Role.COMMITTEE_CHAIR: "적극행정위원회 위원장",
    Role.COMMITTEE_SECRETARY: "적극행정위원회 간사",
    Role.RESIDENT: "주민",
}


def role_labels(roles: Iterable[Role]) -> str:
    """The roles' Korean names, as one list for a message ("감사부서, 평가단")."""
    return ", ".join(ROLE_LABELS_KO[role] for role in roles)


@dataclass(frozen=True)
class Caller:
    subject: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    employee_no: str | None = None
    department: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.employee_no is not None and Role.STAFF in self.roles

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    def require(self, *roles: Role) -> Caller:
        """The caller must hold at least one of `roles`."""
        if not self.has(*roles):
            raise Forbidden(f"이 작업은 다음 역할만 할 수 있습니다: {role_labels(roles)}", code="ROLE_REQUIRED",
                            details={"required_roles": [r.value for r in roles]})
        return self

    def require_department(self, department: str, *, unless: Iterable[Role] = ()) -> Caller:
        """The object must belong to the caller's department, unless the caller holds one of `unless`."""
        if self.has(*unless):
            return self
        if self.department is None or self.department != department:
            raise Forbidden("다른 부서의 정보에는 접근할 수 없습니다.", code="OTHER_DEPARTMENT")
        return self

    def as_dict(self) -> dict[str, Any]:
        """The caller as plain JSON (an idempotency record, a queued job): `Caller.from_dict` reads it back."""
        return {"subject": self.subject, "roles": sorted(r.value for r in self.roles),
                "employee_no": self.employee_no, "department": self.department}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Caller:
        return cls(subject=data["subject"], roles=frozenset(Role(r) for r in data.get("roles", ())),
                   employee_no=data.get("employee_no"), department=data.get("department"))

    def require_self(self, employee_no: str, *, unless: Iterable[Role] = ()) -> Caller:
        """The object must be the caller's own, unless the caller holds one of `unless`."""
        if self.has(*unless):
            return self
        if self.employee_no is None or self.employee_no != employee_no:
            raise Forbidden("본인의 정보만 볼 수 있습니다.", code="NOT_YOURS")
        return self


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return [part for part in text.replace(",", " ").split() if part]


STAFF_GROUPS = frozenset(r.value for r in Role if r != Role.RESIDENT)  # `resident` is no group of the staff pool


def is_resident_token(claims: dict[str, Any]) -> bool:
    """The token was issued by the residents' pool (its issuer ends with `/<RESIDENT_POOL_ID>`)."""
    pool = os.environ.get("RESIDENT_POOL_ID")
    return bool(pool) and str(claims.get("iss") or "").endswith(f"/{pool}")


def caller_from_claims(claims: dict[str, Any] | None) -> Caller:
    if not claims or not claims.get("sub"):
        raise Unauthorized()
    if is_resident_token(claims):  # the resident is the opaque `sub`: never their email, phone or name
        return Caller(subject=str(claims["sub"]), roles=frozenset({Role.RESIDENT}))
    roles = frozenset(Role(g) for g in _as_list(claims.get("cognito:groups")) if g in STAFF_GROUPS)
    return Caller(
        subject=str(claims["sub"]),
        roles=roles,
        employee_no=claims.get("cognito:username") or claims.get("username"),
        department=claims.get("custom:department"),
    )


def caller_from_event(event: dict[str, Any]) -> Caller:
    """The caller of an API Gateway HTTP API (payload v2) event."""
    authorizer = (event.get("requestContext") or {}).get("authorizer") or {}
    return caller_from_claims((authorizer.get("jwt") or {}).get("claims"))
