"""The committee's members as the rules see them, and the breach every check reports.

A member is either staff (an employee number, a department) or a civilian (위촉위원: no department). The roster is
the committee's own projection of the directory; nothing here reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Gender = Literal["F", "M"]
ChairKindOf = Literal["deputy_head", "civilian", "other"]


@dataclass(frozen=True)
class Member:
    member_id: str
    civilian: bool
    gender: Gender | None = None
    term_starts: date | None = None  # None: from the first day (ex officio)
    term_ends: date | None = None  # None: while holding the office (ex officio)
    audit_head: bool = False  # 감사기구의 장
    deputy_head: bool = False  # 부단체장
    chair: bool = False
    employee_no: str | None = None  # staff only
    department: str | None = None  # staff only

    def in_term(self, day: date) -> bool:
        starts, ends = self.term_starts, self.term_ends
        return (starts is None or starts <= day) and (ends is None or day <= ends)

    @property
    def chair_kind(self) -> ChairKindOf:
        """What the member would be as chair: a civilian, the deputy head, or neither."""
        if self.civilian:
            return "civilian"
        return "deputy_head" if self.deputy_head else "other"


@dataclass(frozen=True)
class Breach:
    """One rule the roster or a meeting breaks: listed (on the roster, on every meeting), never a refusal."""

    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


def percent(count: int, whole: int) -> str:
    """`3/8 (37.5%)` for messages."""
    return f"{count}/{whole}명 ({count / whole:.1%})" if whole else f"{count}/0명"
