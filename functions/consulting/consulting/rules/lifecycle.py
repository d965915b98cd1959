"""The states of a pre-consulting (사전컨설팅) and of a committee opinion request (의견제시 요청), and every move
between them; any other move is refused (409 INVALID_STATE).

Pre-consulting (brief §3a; issue #13):

    SUBMITTED ─┬─ refuse ─────────────→ REFUSED
               ├─ request_supplement ─→ SUPPLEMENT_REQUESTED ─ resubmit ─→ RESUBMITTED (screened again, like SUBMITTED)
               └─ accept ─────────────→ ACCEPTED
    ACCEPTED / SITE_VISITED ─ visit → SITE_VISITED  (현장 확인·청문, as often as needed)
    ACCEPTED / SITE_VISITED ─ ask_advice → ADVICE_REQUESTED ─ advice_answered (committee resolved) → ADVICE_ANSWERED
    ACCEPTED / SITE_VISITED / ADVICE_ANSWERED ─ escalate → ESCALATED ─ province_answer → PROVINCE_ANSWERED
    ACCEPTED / SITE_VISITED / ADVICE_ANSWERED / PROVINCE_ANSWERED ─ issue_opinion → OPINION_ISSUED
    OPINION_ISSUED ─ report_action → ACTION_REPORTED

Where the county's province path is `main` (Goseong), the opinion is issued only after the province answered.

The answer clock (`consulting.periods.pre_consulting_answer`) runs from filing; it is paused while the department
completes its request (보완) and while the provincial body has the case, and stops at refusal or the opinion.

Opinion request (brief §3b): SUBMITTED ─ refuse → REFUSED; ─ accept → ON_AGENDA (a committee item, due 30 days from
receipt) ─ the committee's resolution → OPINION_ISSUED ─ report_action → ACTION_REPORTED.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from common.errors import Conflict, RuleViolation


class PreState(StrEnum):
    SUBMITTED = "SUBMITTED"
    SUPPLEMENT_REQUESTED = "SUPPLEMENT_REQUESTED"
    RESUBMITTED = "RESUBMITTED"
    REFUSED = "REFUSED"
    ACCEPTED = "ACCEPTED"
    SITE_VISITED = "SITE_VISITED"
    ADVICE_REQUESTED = "ADVICE_REQUESTED"
    ADVICE_ANSWERED = "ADVICE_ANSWERED"
    ESCALATED = "ESCALATED"
    PROVINCE_ANSWERED = "PROVINCE_ANSWERED"
    OPINION_ISSUED = "OPINION_ISSUED"
    ACTION_REPORTED = "ACTION_REPORTED"


class PreAction(StrEnum):
    REQUEST_SUPPLEMENT = "request_supplement"
    RESUBMIT = "resubmit"
    REFUSE = "refuse"
    ACCEPT = "accept"
    VISIT = "visit"
    ASK_ADVICE = "ask_advice"
    ADVICE_ANSWERED = "advice_answered"
    ESCALATE = "escalate"
    PROVINCE_ANSWER = "province_answer"
    ISSUE_OPINION = "issue_opinion"
    REPORT_ACTION = "report_action"


S = PreState
_SCREENABLE = frozenset({S.SUBMITTED, S.RESUBMITTED})
_UNDER_REVIEW = frozenset({S.ACCEPTED, S.SITE_VISITED})

PRE_TRANSITIONS: dict[PreAction, tuple[frozenset[PreState], PreState]] = {
    PreAction.REQUEST_SUPPLEMENT: (_SCREENABLE, S.SUPPLEMENT_REQUESTED),
    PreAction.RESUBMIT: (frozenset({S.SUPPLEMENT_REQUESTED}), S.RESUBMITTED),
    PreAction.REFUSE: (_SCREENABLE, S.REFUSED),
    PreAction.ACCEPT: (_SCREENABLE, S.ACCEPTED),
    PreAction.VISIT: (_UNDER_REVIEW, S.SITE_VISITED),
    PreAction.ASK_ADVICE: (_UNDER_REVIEW, S.ADVICE_REQUESTED),
    PreAction.ADVICE_ANSWERED: (frozenset({S.ADVICE_REQUESTED}), S.ADVICE_ANSWERED),
    PreAction.ESCALATE: (_UNDER_REVIEW | {S.ADVICE_ANSWERED}, S.ESCALATED),
    PreAction.PROVINCE_ANSWER: (frozenset({S.ESCALATED}), S.PROVINCE_ANSWERED),
    PreAction.ISSUE_OPINION: (_UNDER_REVIEW | {S.ADVICE_ANSWERED, S.PROVINCE_ANSWERED}, S.OPINION_ISSUED),
    PreAction.REPORT_ACTION: (frozenset({S.OPINION_ISSUED}), S.ACTION_REPORTED),
}

ClockMove = Literal["pause", "resume", "stop"] | None
# what each move does to the answer clock (none: it keeps running)
PRE_CLOCK: dict[PreAction, ClockMove] = {
    PreAction.REQUEST_SUPPLEMENT: "pause", PreAction.RESUBMIT: "resume", PreAction.REFUSE: "stop",
    PreAction.ESCALATE: "pause", PreAction.PROVINCE_ANSWER: "resume", PreAction.ISSUE_OPINION: "stop",
}


@dataclass(frozen=True)
class Move:
    before: str
    after: str
    clock: ClockMove


def pre_move(state: str, action: PreAction, *, province_path: str = "when_serious") -> Move:
    """The pre-consulting's next state for `action` from `state`, or 409 INVALID_STATE."""
    allowed, after = PRE_TRANSITIONS[action]
    if PreState(state) not in allowed:
        raise invalid_state(state, action.value, sorted(allowed))
    if action is PreAction.ISSUE_OPINION and province_path == "main" and state != S.PROVINCE_ANSWERED:
        raise RuleViolation("이 지자체는 사전컨설팅을 도 감사기구를 거쳐 회신합니다. "
                            "먼저 이관하고 답변을 기록해 주세요.", code="PROVINCE_FIRST", details={"state": state})
    return Move(state, after.value, PRE_CLOCK.get(action))


def refusal_move(state: str, *, supplement_overdue: bool, for_missed_supplement: bool) -> Move:
    """반려: at screening for a screening reason; while 보완 is asked, only for the 보완 not made once its period has
    passed (the department may still complete it until then) — else 409."""
    if PreState(state) is S.SUPPLEMENT_REQUESTED and for_missed_supplement:
        if not supplement_overdue:
            raise Conflict("보완 기간이 아직 지나지 않았습니다.", code="SUPPLEMENT_PERIOD_RUNNING",
                           details={"state": state})
        return Move(state, S.REFUSED.value, PRE_CLOCK[PreAction.REFUSE])
    if for_missed_supplement:
        raise invalid_state(state, "refuse_missed_supplement", [S.SUPPLEMENT_REQUESTED])
    return pre_move(state, PreAction.REFUSE)


class EscalationGround(StrEnum):
    SERIOUS = "serious"  # 중대한 사안
    MULTI_BODY = "multi_body"  # 여러 기관이 관련된 사안
    COUNTY_PATH = "county_path"  # 지자체가 도 경유를 주된 경로로 정함


def escalation_ground(grounds: list[str], province_path: str) -> list[EscalationGround]:
    """운영규정 §5②: the province answers where the matter is serious or spans bodies; where the county sends every
    case up (`main`), that is its ground."""
    chosen = [EscalationGround(g) for g in dict.fromkeys(grounds)]
    if province_path == "main":
        return chosen or [EscalationGround.COUNTY_PATH]
    if not set(chosen) & {EscalationGround.SERIOUS, EscalationGround.MULTI_BODY}:
        raise RuleViolation("도 감사기구 이관은 중대하거나 여러 기관이 관련된 사안만 할 수 있습니다.",
                            code="ESCALATION_GROUND_REQUIRED", details={"allowed": ["serious", "multi_body"]})
    return chosen


class RequestState(StrEnum):
    SUBMITTED = "SUBMITTED"
    REFUSED = "REFUSED"
    ON_AGENDA = "ON_AGENDA"
    OPINION_ISSUED = "OPINION_ISSUED"
    ACTION_REPORTED = "ACTION_REPORTED"


class RequestAction(StrEnum):
    REFUSE = "refuse"
    ACCEPT = "accept"
    RESOLVED = "resolved"
    REPORT_ACTION = "report_action"


R = RequestState
REQUEST_TRANSITIONS: dict[RequestAction, tuple[frozenset[RequestState], RequestState]] = {
    RequestAction.REFUSE: (frozenset({R.SUBMITTED}), R.REFUSED),
    RequestAction.ACCEPT: (frozenset({R.SUBMITTED}), R.ON_AGENDA),
    RequestAction.RESOLVED: (frozenset({R.ON_AGENDA}), R.OPINION_ISSUED),
    RequestAction.REPORT_ACTION: (frozenset({R.OPINION_ISSUED}), R.ACTION_REPORTED),
}
REQUEST_CLOCK: dict[RequestAction, ClockMove] = {RequestAction.REFUSE: "stop", RequestAction.RESOLVED: "stop"}


def request_move(state: str, action: RequestAction) -> Move:
    allowed, after = REQUEST_TRANSITIONS[action]
    if RequestState(state) not in allowed:
        raise invalid_state(state, action.value, sorted(allowed))
    return Move(state, after.value, REQUEST_CLOCK.get(action))


def invalid_state(state: str, action: str, allowed: list[str]) -> Conflict:
    return Conflict(f"지금 상태({state})에서는 할 수 없는 처리입니다.", code="INVALID_STATE",
                    details={"state": state, "action": action, "allowed_from": [str(a) for a in allowed]})


def ratification_move(state: str, *, passed: bool) -> Move:
    """사후 추인: ON_AGENDA (the committee has it from filing) → RATIFIED | NOT_RATIFIED by its resolution."""
    if state != "ON_AGENDA":
        raise invalid_state(state, "resolved", ["ON_AGENDA"])
    return Move(state, "RATIFIED" if passed else "NOT_RATIFIED", None)
