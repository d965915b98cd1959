"""A case's states and what moves it (brief §4, S4):

    SUBMITTED → RECEIVED (the audit office acknowledged it) → INVESTIGATING (classified as passive administration)
              → DECIDED (findings and measures; the reporter notified) → CLOSED
    RECEIVED  → REASSIGNED (not passive administration: the competent department answers it as an ordinary petition)
              → ANSWERED → CLOSED
    CLOSED    → RECEIVED (reopened on a repeated report: the audit office must investigate it)
    RECEIVED  → CLOSED (민원처리법 §23: the same petition filed three or more times, answered twice already)

An audit-initiated inspection (no reporter) or a case transferred from 국민신문고 / the ACRC starts RECEIVED.
"""

from __future__ import annotations

from enum import StrEnum

from common.errors import RuleViolation


class Status(StrEnum):
    SUBMITTED = "SUBMITTED"
    RECEIVED = "RECEIVED"
    INVESTIGATING = "INVESTIGATING"
    REASSIGNED = "REASSIGNED"
    DECIDED = "DECIDED"
    ANSWERED = "ANSWERED"
    CLOSED = "CLOSED"


class Action(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    CLASSIFY = "classify"
    REROUTE = "reroute"
    ASSIGN = "assign"
    NOTE = "note"
    FIELD_INVESTIGATION = "field_investigation"
    EXTEND = "extend"
    DECIDE = "decide"
    ANSWER = "answer"
    CLOSE = "close"
    REOPEN = "reopen"
    MESSAGE = "message"


ALLOWED: dict[Action, frozenset[Status]] = {
    Action.ACKNOWLEDGE: frozenset({Status.SUBMITTED}),
    Action.CLASSIFY: frozenset({Status.RECEIVED}),
    Action.REROUTE: frozenset({Status.RECEIVED}),
    Action.ASSIGN: frozenset({Status.INVESTIGATING}),
    Action.NOTE: frozenset({Status.RECEIVED, Status.INVESTIGATING, Status.REASSIGNED, Status.DECIDED}),
    Action.FIELD_INVESTIGATION: frozenset({Status.INVESTIGATING}),
    Action.EXTEND: frozenset({Status.RECEIVED, Status.INVESTIGATING, Status.REASSIGNED}),
    Action.DECIDE: frozenset({Status.INVESTIGATING}),
    Action.ANSWER: frozenset({Status.REASSIGNED}),
    Action.CLOSE: frozenset({Status.DECIDED, Status.ANSWERED}),
    Action.REOPEN: frozenset({Status.CLOSED}),
    Action.MESSAGE: frozenset({Status.SUBMITTED, Status.RECEIVED, Status.INVESTIGATING, Status.REASSIGNED,
                               Status.DECIDED, Status.ANSWERED}),
}

NEXT: dict[Action, Status] = {
    Action.ACKNOWLEDGE: Status.RECEIVED, Action.CLASSIFY: Status.INVESTIGATING, Action.REROUTE: Status.REASSIGNED,
    Action.DECIDE: Status.DECIDED, Action.ANSWER: Status.ANSWERED, Action.CLOSE: Status.CLOSED,
    Action.REOPEN: Status.RECEIVED,
}

STATUS_LABELS_KO: dict[Status, str] = {
    Status.SUBMITTED: "접수 대기", Status.RECEIVED: "접수", Status.INVESTIGATING: "조사 중",
    Status.REASSIGNED: "담당 부서 이송 (일반 민원)", Status.DECIDED: "조치 결정", Status.ANSWERED: "부서 답변",
    Status.CLOSED: "종결",
}


def expect(action: Action, status: str) -> Status:
    """The status `action` leads to (or the current one, for an action that keeps it); 409-like refusal otherwise."""
    current = Status(status)
    if current not in ALLOWED[action]:
        raise RuleViolation(f"'{STATUS_LABELS_KO[current]}' 상태에서는 할 수 없습니다.", code="WRONG_STATUS",
                            details={"status": current.value, "action": action.value})
    return NEXT.get(action, current)


REPEATED_FILINGS = 3  # 민원처리법 §23: the same petition filed this many times or more …
NOTICES_BEFORE_CLOSING = 2  # … may be closed once it was answered this many times


def expect_close(status: str, *, repeats: int, notices: int) -> bool:
    """Whether closing `status` is the §23 closing of a repeated petition (True) or the ordinary one (False)."""
    current = Status(status)
    if current in ALLOWED[Action.CLOSE]:
        return False
    if current is Status.RECEIVED and repeats + 1 >= REPEATED_FILINGS and notices >= NOTICES_BEFORE_CLOSING:
        return True
    if current is Status.RECEIVED and repeats:
        raise RuleViolation(f"같은 민원이 {REPEATED_FILINGS}번 이상 제출되고 {NOTICES_BEFORE_CLOSING}번 이상 답한 "
                            "뒤에만 조사 없이 종결할 수 있습니다.", code="REPEAT_NOT_CLOSABLE",
                            details={"filings": repeats + 1, "notices": notices})
    expect(Action.CLOSE, status)
    return False  # pragma: no cover - expect raised


class NotPassiveReason(StrEnum):
    """Why a report is not passive administration (W6): it goes to the competent department as an ordinary petition."""

    FIRST_REQUEST = "first_request"  # 이전 신청 없는 최초 민원
    LAWFULLY_IN_PROGRESS = "lawfully_in_progress"  # 적법하게 처리 중인 건의 독촉
    QUESTION = "question"  # 법령·절차 질의
    SIMPLE_GRIEVANCE = "simple_grievance"  # 단순 불만


def check_reroute(reason: NotPassiveReason, *, repeated: bool) -> None:
    """A repeated grievance must be investigated by the audit office (it is never rerouted)."""
    if repeated:
        raise RuleViolation("반복 신고된 고충은 감사부서가 조사해야 합니다 (이송할 수 없습니다).",
                            code="REPEATED_MUST_INVESTIGATE",
                            details={"reason": reason.value})
