"""Events of the AA committee (적극행정위원회): agenda items other areas put on its agenda, and its resolutions.

`CommitteeItemRequested` is published by the area the item comes from (consulting, selection: its `source` is
`jeokgeuk.<origin_area>`), with this model, so the committee reads it with the same one. `CommitteeResolved` is the
committee's answer, with the origin's case id. Identifiers and codes only: staff parties by employee number and
department; named outside parties and documents' contents stay in the origin area (the secretary adds outside parties
for recusal on the item itself)."""

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

from common.events import Event, EventEnvelope, new_event

ORIGINS = ("consulting", "selection")


class ItemKind(StrEnum):
    OPINION_REQUEST = "opinion_request"  # 의견제시 요청 (30일)
    PRE_CONSULTING = "pre_consulting"  # 감사기구의 장이 회부한 사전컨설팅
    EXEMPTION_RECOMMENDATION = "exemption_recommendation"  # 면책 건의
    LITIGATION_SUPPORT = "litigation_support"  # 소송 지원 심의
    RATIFICATION = "ratification"  # 사후 추인
    SELECTION = "selection"  # 우수공무원 선발 (기준, 선발)
    ACTION_PLAN = "action_plan"  # 실행계획
    OTHER = "other"


class StaffParty(BaseModel):
    """A staff member the item is about (recusal: 제척 of the party and, where configured, their department)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    employee_no: str = Field(min_length=1, max_length=20)
    department: str | None = Field(default=None, max_length=20)


class CommitteeItemRequested(Event):
    """An area asks the committee to decide: read by `committee.on_item_requested`, once per origin case."""

    area: ClassVar[str] = "committee"  # the model's home; the envelope's source is the origin area

    origin_area: Literal["consulting", "selection"]
    origin_case_id: str = Field(min_length=1, max_length=64)
    kind: ItemKind
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(default="", max_length=4000)
    documents: list[str] = Field(default=[], max_length=50)  # keys in the evidence bucket
    parties: list[StaffParty] = Field(default=[], max_length=100)
    received_at: datetime | None = None  # an opinion request: when it was received (its 30 days run from here)
    candidates: list[str] = Field(default=[], max_length=200)  # a selection: employee numbers decided each
    options: list[str] = Field(default=[], max_length=10)  # … among these (tiers and `not_selected`)

    def envelope(self, *, correlation_id: str | None = None) -> EventEnvelope:
        return new_event(self.origin_area, self.detail_type(), self.model_dump(mode="json"),
                         correlation_id=correlation_id)

    @classmethod
    def of(cls, envelope: EventEnvelope) -> Self:
        if envelope.detail_type != cls.detail_type() or envelope.source not in {f"jeokgeuk.{o}" for o in ORIGINS}:
            raise ValueError(f"{envelope.source}/{envelope.detail_type} is not an item request")
        event = cls.model_validate(envelope.data)
        if envelope.source != f"jeokgeuk.{event.origin_area}":
            raise ValueError(f"{envelope.source} published an item of {event.origin_area}")
        return event


class _DeadlineEvent(Event):
    """The audit head's opinion on an item, asked by the meeting's chair, nears or passed its due time."""

    area: ClassVar[str] = "committee"

    item_id: str
    period: str  # the county file's clock.periods name (audit_head_opinion)
    due_at: str  # ISO 8601 (+09:00)
    offices: list[str]  # the roles that act (audit_head)


class CommitteeDeadlineApproaching(_DeadlineEvent):
    pass


class CommitteeDeadlineMissed(_DeadlineEvent):
    pass


class CommitteeResolved(Event):
    """The committee resolved an item: the origin area (none for the secretary's own items) reads its case's
    outcome. Tallies only, never who voted how."""

    area: ClassVar[str] = "committee"

    item_id: str
    origin_area: str | None
    origin_case_id: str | None
    kind: ItemKind
    meeting_id: str
    outcome: Literal["passed", "rejected", "resolved", "undecided"]  # a selection: resolved or undecided
    counts: dict[str, int]  # for / against / abstain (a selection: empty)
    selections: dict[str, str | None] = Field(default={})  # a selection: candidate → the majority option or null
    present: int
    resolved_on: date
    # the audit head's opinion given on the item (P1 §11⑦), its text, where the chair asked for one and it came
    # before the resolution; absent from events published before it was carried
    audit_head_opinion: str | None = Field(default=None, max_length=8000)
