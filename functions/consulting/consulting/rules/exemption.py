"""면책 (공공감사법 시행령 §13의3–4; 운영규정 §15): the application after an audit ends with the three criteria each
stated, the decision by the county's body, the quarter it is reported to the Board of Audit and Inspection in (within
10 days after the quarter: the county's `bai_quarterly_report` period from the quarter's end), and the committee's
recommendation to an upper auditor (면책 건의) on request.

    FILED ─ decide → EXEMPT | NOT_EXEMPT
    recommendation: none ─ request → REQUESTED ─ the committee's resolution → RECOMMENDED | NOT_RECOMMENDED
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from common.clock import KST
from common.errors import InvalidInput, RuleViolation
from consulting.rules.lifecycle import Move, invalid_state


class Criterion(StrEnum):
    PUBLIC_INTEREST = "public_interest"  # 공공의 이익을 위한 업무
    ACTIVE_HANDLING = "active_handling"  # 적극적인 업무 처리의 결과
    NO_INTENT_OR_GROSS_NEGLIGENCE = "no_intent_or_gross_negligence"  # 고의·중과실 없음


CRITERIA_LABELS_KO: dict[Criterion, str] = {
    Criterion.PUBLIC_INTEREST: "공공의 이익을 위한 업무",
    Criterion.ACTIVE_HANDLING: "적극적인 업무 처리의 결과",
    Criterion.NO_INTENT_OR_GROSS_NEGLIGENCE: "고의 또는 중대한 과실이 없음",
}


def criteria_stated(statements: dict[str, str]) -> dict[Criterion, str]:
    given = {Criterion(k): v.strip() for k, v in statements.items() if k in set(Criterion) and v and v.strip()}
    if missing := [c for c in Criterion if c not in given]:
        raise RuleViolation("면책 요건을 모두 적어 주세요: " + ", ".join(CRITERIA_LABELS_KO[c] for c in missing),
                            code="EXEMPTION_CRITERIA", details={"missing": [c.value for c in missing]})
    return given


def after_the_audit(audit_ended_on: date, today: date) -> date:
    """The application is filed after the audit ends (시행령 §13의4①)."""
    if audit_ended_on > today:
        raise RuleViolation("면책 신청은 감사가 끝난 뒤에 할 수 있습니다.", code="AUDIT_NOT_ENDED",
                            details={"audit_ended_on": audit_ended_on.isoformat()})
    return audit_ended_on


def decide(state: str, *, exempt: bool, deciding_body: str, board_resolution: str | None) -> Move:
    if state != "FILED":
        raise invalid_state(state, "decide", ["FILED"])
    if deciding_body == "exemption_board" and not board_resolution:
        raise InvalidInput("면책심의회 의결 번호를 적어 주세요.", code="BOARD_RESOLUTION_REQUIRED")
    return Move(state, "EXEMPT" if exempt else "NOT_EXEMPT", None)


def recommendation_move(current: str | None, *, requested: bool = False, passed: bool | None = None) -> str:
    """The recommendation's next state: asked once; the committee's resolution answers it."""
    if requested:
        if current is not None:
            raise invalid_state(current, "request_recommendation", ["(none)"])
        return "REQUESTED"
    if current != "REQUESTED":
        raise invalid_state(str(current), "recommendation_resolved", ["REQUESTED"])
    return "RECOMMENDED" if passed else "NOT_RECOMMENDED"


def quarter(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_end(label: str) -> datetime:
    """The first moment after the quarter (the BAI report period runs from it)."""
    try:
        year, q = int(label[:4]), int(label[5:])
        if label[4] != "Q" or not 1 <= q <= 4 or not 1900 <= year <= 9998:
            raise ValueError(label)
    except (ValueError, IndexError):
        raise InvalidInput("분기는 2026Q4 처럼 적어 주세요.", code="INVALID_QUARTER") from None
    month = q * 3 + 1
    return datetime.combine(date(year + month // 13, (month - 1) % 12 + 1, 1), time(0), KST)
