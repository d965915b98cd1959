"""The opinion registry: an auditor looking at an audited act sees the opinions on the same matter (one index query
on the matter's code, never a scan)."""

from __future__ import annotations

from typing import Any

from common.clock import now
from common.dynamo import Page
from common.errors import NotFound, RuleViolation
from common.identity import Caller
from common.offices import Duty
from consulting import cases
from consulting.rules.matter import matter_code
from consulting.rules.offices import require, roles
from consulting.storage import opinions as stored

READERS = (Duty.CONSULTING_SCREENING, Duty.CONSULTING_ESCALATION, Duty.CONSULTING_EXEMPTION)


def on_matter(who: Caller, matter: str, *, limit: int, token: str | None) -> Page:
    """The audit office's (and the audit head's) lookup of the opinions registered on one matter, newest first."""
    who.require(*dict.fromkeys(role for duty in READERS for role in roles(duty)))
    return stored.on_matter(matter_code(matter), limit, token)


def record_finding(who: Caller, opinion_id: str, *, information_complete: bool, private_interest: bool,
                   reason: str) -> Any:
    """The audit office's later finding on an opinion: the information given was incomplete, or there was a private
    interest — the presumptions it carried are lost (운영규정 §15⑥); never the other way."""
    require(who, Duty.CONSULTING_SCREENING)
    if information_complete and not private_interest:
        raise RuleViolation("정보 불완전 또는 사적 이해관계 중 하나는 확인되어야 합니다.", code="NOTHING_FOUND")
    opinion = stored.get(opinion_id)
    if opinion is None:
        raise NotFound("등록된 의견이 없습니다.", code="OPINION_NOT_FOUND")
    cases.not_own(who, opinion, Duty.CONSULTING_SCREENING)  # not on an opinion the actor or their department asked
    stored.record_finding(opinion_id, information_complete=information_complete, private_interest=private_interest,
                          finding=f"{now().date().isoformat()} {who.employee_no or who.subject}: {reason}")
    return stored.get(opinion_id)
