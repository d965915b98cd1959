"""The AA committee roster: civilian and ex-officio members, and its composition (P1 §11)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import Any

from common.errors import Conflict, RuleViolation
from directory.rules.records import CommitteeMember, Staff, ex_officio_id, is_ex_officio


def civilian_id(name: str, affiliation: str, term_start: date) -> str:
    """A civilian member's id from their natural key: adding the same person for the same term twice is one member."""
    def normal(text: str) -> str:
        return " ".join(text.split()).casefold()

    key = f"{normal(name)}\x00{normal(affiliation)}\x00{term_start.isoformat()}"
    return "CIV-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def ex_officio_member(staff: Staff, gender: str | None = None) -> CommitteeMember:
    return CommitteeMember(ex_officio_id(staff.employee_no), False, gender, staff.employee_no,  # type: ignore[arg-type]
                           staff.name, staff.department, staff.committee_term_start, staff.committee_term_end)


def committee_composition(members: Sequence[CommitteeMember], today: date) -> dict[str, Any]:
    """P1 §11: 9–45 members, ≥ ½ civilian, gender balance — reported on the members serving today."""
    serving = [m for m in members if m.serving_on(today)]
    civilians = sum(1 for m in serving if m.civilian)
    share = round(civilians / len(serving), 3) if serving else 0.0
    return {
        "serving": len(serving), "civilian_count": civilians, "civilian_share": share,
        "civilian_majority_met": bool(serving) and civilians * 2 >= len(serving),
        "size_within_limits": 9 <= len(serving) <= 45,
        "gender": {"M": sum(1 for m in serving if m.gender == "M"), "F": sum(1 for m in serving if m.gender == "F"),
                   "unknown": sum(1 for m in serving if m.gender is None)},
    }


def active_staff(staff: Staff | None) -> Staff:
    if staff is None or not staff.active:
        raise RuleViolation("당연직 위원은 재직 중인 직원이어야 합니다.", code="NOT_ACTIVE_STAFF")
    return staff


def already_ex_officio(staff: Staff, entry: CommitteeMember | None, *, gender: str, term_start: date,
                       term_end: date) -> bool:
    """True when the employee already serves with this term (and this gender, where one was recorded): adding them
    again is the same member, nothing new. Another term or gender is a conflict: the term is changed with
    PUT /directory/staff/{no}/roles."""
    if not is_ex_officio(staff):
        return False
    same_term = (staff.committee_term_start, staff.committee_term_end) == (term_start, term_end)
    if not same_term or (entry is not None and entry.gender not in (None, gender)):
        raise Conflict("이미 당연직 위원인 직원입니다. 임기는 역할 지정(PUT /directory/staff/{사번}/roles)으로 "
                       "바꿉니다.", code="ALREADY_MEMBER", details={"member_id": ex_officio_id(staff.employee_no)})
    return True
