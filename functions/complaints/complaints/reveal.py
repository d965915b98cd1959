"""Revealing a reporter: only the office mapped to `complaints.reveal` (for a whistleblower's report, only
`complaints.reveal_whistleblower`: 공익신고자 보호법 §12 makes disclosure a crime), never anyone concerned by the case,
always with a reason. The reveal is logged (who, when, why) before anything is decrypted; the audit head reads the
log."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from common.clock import now
from common.errors import Conflict, Forbidden, NotFound
from common.identity import Caller, Role
from common.offices import Duty
from complaints.clients.sealed import NotThisCase, open_field
from complaints.handling import get, not_concerned
from complaints.intake import record
from complaints.models import RevealOut
from complaints.rules.offices import require
from complaints.rules.reveal_chain import intact
from complaints.storage import cases as stored


def reveal(who: Caller, case_id: str, reason: str) -> RevealOut:
    case = get(case_id)
    require(who, Duty.COMPLAINTS_REVEAL_WHISTLEBLOWER if case.whistleblower else Duty.COMPLAINTS_REVEAL)
    not_concerned(who, case)
    reporter = stored.get_reporter(case_id)
    if reporter is None or not (reporter.name or reporter.email or reporter.phone):
        raise NotFound("신원을 남긴 신고인이 없는 신고입니다 (익명·자체 조사).", code="NO_REPORTER")
    at = now().isoformat()
    stored.log_reveal(case_id, uuid4().hex[:12], at=at, by=who.employee_no or who.subject,
                      by_department=who.department, reason=reason.strip(), whistleblower=bool(case.whistleblower))
    try:
        fields = {name: open_field(value, record=record(case_id), field=name) if value else None
                  for name, value in (("name", reporter.name), ("email", reporter.email), ("phone", reporter.phone))}
    except NotThisCase:  # KMS refuses a ciphertext bound to another case or field (copied here)
        raise Conflict("이 신고의 신고인 정보가 아닌 암호문이라 열 수 없습니다 (시도는 기록되었습니다).",
                       code="REPORTER_NOT_OF_THIS_CASE", details={"case_id": case_id}) from None
    return RevealOut(case_id=case_id, logged_at=at, **fields)


def log(who: Caller, *, token: str | None, limit: int) -> tuple[list[dict[str, Any]], str | None]:
    if not who.is_staff or not who.has(Role.AUDIT_HEAD):
        raise Forbidden("신원 열람 기록은 감사기구의 장이 봅니다.", code="ROLE_REQUIRED",
                        details={"required_roles": [Role.AUDIT_HEAD.value]})
    page = stored.reveals(token, limit)
    items = [{"case_id": r.case_id, "by": r.by, "by_department": r.by_department, "reason": r.reason, "at": r.at,
              "whistleblower": r.whistleblower, "prev": r.prev, "digest": r.digest} for r in page.items]
    return items, page.next_token


def chain_intact(items: list[dict[str, Any]], *, first_page: bool) -> bool:
    """This page of the log recomputes and links up; on the first page, its newest entry is the chain's head."""
    if not items:
        return True
    head = stored.reveal_chain_head()
    return intact(items) and (not first_page or (head is not None and head == items[0]["digest"]))
