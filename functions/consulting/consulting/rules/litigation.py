"""소송 등 지원 (운영규정 §17): who may be supported for what, up to the county's amount per kind, and when a payment
may be made — criminal trial costs only after the final acquittal; never more than approved in total.

    APPLIED (the committee reviews it: 운영규정 §10①5) → APPROVED | DENIED; APPROVED → PAID once fully paid
"""

from __future__ import annotations

from common.county_consulting import LitigationKind, LitigationRule
from common.errors import RuleViolation
from consulting.rules.lifecycle import Move, invalid_state

KIND_LABELS_KO: dict[LitigationKind, str] = {
    LitigationKind.DISCIPLINARY_EXPLANATION: "징계 사건의 소명",
    LitigationKind.CRIMINAL_INVESTIGATION: "기소 전 수사",
    LitigationKind.CRIMINAL_TRIAL: "형사 재판 (무죄 확정 후 지급)",
    LitigationKind.CIVIL_SUIT: "민사 소송",
}


def application(kind: LitigationKind, rule: LitigationRule, *, retired: bool, requested_won: int) -> int:
    """The amount that may be asked: retired officials only where the kind allows; never above the county's cap."""
    if retired and not rule.retired_eligible:
        raise RuleViolation(f"퇴직 공무원은 '{KIND_LABELS_KO[kind]}' 지원 대상이 아닙니다.",
                            code="RETIREE_NOT_ELIGIBLE")
    if requested_won > rule.max_won:
        raise RuleViolation(f"'{KIND_LABELS_KO[kind]}' 지원 한도는 {rule.max_won:,}원입니다.", code="OVER_LIMIT",
                            details={"max_won": rule.max_won})
    return requested_won


def indemnity(decision: str, *, from_active_administration: bool, weighing: str | None) -> str:
    """구상권 (운영규정 §17①): the decision records whether the damage came from active administration, and how that
    was weighed; a full claim on damage from active administration needs that weighing written out."""
    if from_active_administration and not (weighing and weighing.strip()):
        raise RuleViolation("적극행정으로 생긴 손해라면 구상 여부에 어떻게 고려했는지 적어 주세요.",
                            code="WEIGHING_REQUIRED")
    return decision


def resolved(state: str, *, passed: bool) -> Move:
    if state != "APPLIED":
        raise invalid_state(state, "resolved", ["APPLIED"])
    return Move(state, "APPROVED" if passed else "DENIED", None)


def payment(state: str, rule: LitigationRule, *, acquitted: bool, approved_won: int, paid_won: int,
            won: int) -> Move:
    """A payment of `won` on an approved case: after the final acquittal where the kind requires it, and within what
    was approved; fully paid, the case is PAID."""
    if state != "APPROVED":
        raise invalid_state(state, "pay", ["APPROVED"])
    if rule.after_final_acquittal and not acquitted:
        raise RuleViolation("형사 재판 비용은 무죄가 확정된 뒤에 지급합니다.", code="AWAIT_FINAL_ACQUITTAL")
    if paid_won + won > approved_won:
        raise RuleViolation("승인된 금액을 넘어 지급할 수 없습니다.", code="OVER_APPROVED",
                            details={"approved_won": approved_won, "paid_won": paid_won})
    return Move(state, "PAID" if paid_won + won == approved_won else "APPROVED", None)
