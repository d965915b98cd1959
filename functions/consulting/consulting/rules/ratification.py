"""사후 추인 (운영규정 §12②, 2025): urgent disaster or safety work done without asking first may be ratified by the
committee — only where all three requirements are recorded, each with what shows it."""

from __future__ import annotations

from enum import StrEnum

from common.errors import RuleViolation


class Requirement(StrEnum):
    DISASTER_OR_SAFETY = "disaster_or_safety"  # 재난·안전 관련 긴급한 업무
    NO_TIME_TO_ASK = "no_time_to_ask"  # 사전에 의견을 구할 시간이 없었음
    DUE_CARE = "due_care"  # 상당한 주의를 기울임


REQUIREMENT_LABELS_KO: dict[Requirement, str] = {
    Requirement.DISASTER_OR_SAFETY: "재난·안전 관련 긴급한 업무",
    Requirement.NO_TIME_TO_ASK: "사전에 의견을 구할 시간적 여유가 없었음",
    Requirement.DUE_CARE: "업무 처리에 상당한 주의를 기울였음",
}


def requirements_met(statements: dict[str, str]) -> dict[Requirement, str]:
    """Every requirement with its statement (what shows it), or 422 RATIFICATION_REQUIREMENTS naming the missing."""
    given = {Requirement(k): v.strip() for k, v in statements.items() if k in set(Requirement) and v and v.strip()}
    missing = [r for r in Requirement if r not in given]
    if missing:
        raise RuleViolation("사후 추인은 세 요건을 모두 적어야 신청할 수 있습니다: "
                            + ", ".join(REQUIREMENT_LABELS_KO[r] for r in missing),
                            code="RATIFICATION_REQUIREMENTS", details={"missing": [r.value for r in missing]})
    return given
