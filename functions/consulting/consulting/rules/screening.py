"""Why a request is refused at screening (사전컨설팅: W4; 의견제시 요청: seed 004): each reason a code with its Korean
label. The same reasons serve both screenings; an earlier pre-consulting never is one (의견제시 요청 may follow it)."""

from __future__ import annotations

from enum import StrEnum

from common.errors import InvalidInput


class RefusalReason(StrEnum):
    LAW_CLEAR = "law_clear"  # 법령이 명확하여 민원 회피 목적에 불과
    NO_OWN_REVIEW = "no_own_review"  # 자체 검토가 충분하지 않음
    DISPOSITION_MADE = "disposition_made"  # 이미 처분이 이루어진 사안
    PROCEEDING_UNDER_WAY = "proceeding_under_way"  # 수사·소송·심판·감사가 진행 중이거나 끝난 사안
    SUPPLEMENT_NOT_MADE = "supplement_not_made"  # 보완 기간이 지나도록 보완하지 않음 (사전컨설팅만)


REFUSAL_LABELS_KO: dict[RefusalReason, str] = {
    RefusalReason.LAW_CLEAR: "법령이 명확하여 민원 회피 목적에 불과한 경우",
    RefusalReason.NO_OWN_REVIEW: "자체 검토가 충분하지 않은 경우",
    RefusalReason.DISPOSITION_MADE: "이미 처분이 이루어진 사안인 경우",
    RefusalReason.PROCEEDING_UNDER_WAY: "관련 수사·소송·행정심판·감사가 진행 중이거나 끝난 경우",
    RefusalReason.SUPPLEMENT_NOT_MADE: "보완 기간이 지나도록 보완하지 않은 경우",
}


def refusal(code: str, note: str | None = None) -> tuple[RefusalReason, str]:
    """A refusal's reason (one of the codes) and what the requester is told (its label, and the reviewer's note)."""
    try:
        reason = RefusalReason(code)
    except ValueError:
        raise InvalidInput("반려 사유가 올바르지 않습니다.", code="UNKNOWN_REFUSAL_REASON",
                           details={"allowed": [r.value for r in RefusalReason]}) from None
    label = REFUSAL_LABELS_KO[reason]
    return reason, f"{label}: {note.strip()}" if note and note.strip() else label
