"""Experts heard per item where the personnel committee acts as the committee (지방공무원법 §75의2②; P1 §10②: it must
hear experts on the matters it deliberates). Elsewhere nothing is required; a hearing may still be recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from common.county_committee import CommitteeSection
from common.errors import InvalidInput, RuleViolation


@dataclass(frozen=True)
class Hearing:
    """Experts heard on an item: who (name and field, never contact data) and, in short, what they said."""

    item_id: str
    experts: tuple[str, ...]
    summary: str

    def __post_init__(self) -> None:
        if not self.experts or not all(e.strip() for e in self.experts) or not self.summary.strip():
            raise InvalidInput("의견을 들은 전문가와 그 요지를 적어 주세요.", code="HEARING_INCOMPLETE")


def ensure_experts_heard(item_id: str, hearings: Iterable[Hearing], rules: CommitteeSection) -> None:
    """Before an item is resolved: where the personnel committee acts, a hearing on that item must be recorded."""
    if rules.experts_heard_per_item and not any(h.item_id == item_id for h in hearings):
        raise RuleViolation("인사위원회가 적극행정위원회 기능을 대행하므로 이 안건에 대한 전문가 의견 청취를 먼저 "
                            "기록해야 합니다.", code="EXPERTS_NOT_HEARD", details={"item_id": item_id})
