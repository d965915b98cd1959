"""Events between areas: a typed envelope, the transactional outbox, and the EventBridge publisher.

A state change and its event are written in the same DynamoDB transaction (the outbox entry lives in the function's
own table). The relay function reads the table's stream and publishes to EventBridge; a scheduled sweep republishes
anything the stream path missed. Consumers are idempotent on `id`. See docs/decisions.md.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, ClassVar, Self
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field
from pynamodb.attributes import TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from common.clock import now
from common.dynamo import TableItem
from common.observability import logger

OUTBOX_PREFIX = "OUTBOX#"
OUTBOX_PENDING = "OUTBOX_PENDING"
OUTBOX_RETENTION = timedelta(days=14)


class EventEnvelope(BaseModel):
    """What every event carries as its EventBridge `detail`."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=lambda: str(uuid4()))
    source: str = Field(pattern=r"^jeokgeuk\.[a-z_]+$")
    detail_type: str = Field(pattern=r"^[A-Z][A-Za-z]+$")
    version: str = "1"
    county: str
    occurred_at: datetime
    correlation_id: str
    data: dict[str, Any]


def new_event(area: str, detail_type: str, data: dict[str, Any], *, correlation_id: str | None = None) -> EventEnvelope:
    return EventEnvelope(
        source=f"jeokgeuk.{area}",
        detail_type=detail_type,
        county=os.environ.get("COUNTY_CODE", "demo"),
        occurred_at=now(),
        correlation_id=correlation_id or logger.get_correlation_id() or str(uuid4()),
        data=data,
    )


class Event(BaseModel):
    """One published event's `data`, typed: the publishing area declares a subclass per detail type in the layer
    (`shared/contracts/<area>.py`), where every consumer's bundle finds it.

        class EmployeeLeft(Event):
            area: ClassVar[str] = "directory"
            employee_no: str
            ...

    The publisher writes `EmployeeLeft(...).envelope()`; a consumer reads `EmployeeLeft.of(envelope)` — the
    publisher's own model, so a renamed or retyped field breaks the consumer's tests, not production. Fields a
    consumer does not know are ignored (additive changes keep `version`)."""

    # defer_build: a model's validator is built when first used, not when its module is imported; a function
    # imports every event of its area and uses one or two (docs/decisions.md, cold starts)
    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    area: ClassVar[str]

    @classmethod
    def detail_type(cls) -> str:
        return cls.__name__

    def envelope(self, *, correlation_id: str | None = None) -> EventEnvelope:
        return new_event(self.area, self.detail_type(), self.model_dump(mode="json"), correlation_id=correlation_id)

    @classmethod
    def of(cls, envelope: EventEnvelope) -> Self:
        if (envelope.source, envelope.detail_type) != (f"jeokgeuk.{cls.area}", cls.detail_type()):
            raise ValueError(f"{envelope.source}/{envelope.detail_type} is not {cls.area}/{cls.detail_type()}")
        return cls.model_validate(envelope.data)


def events_of(module: Any) -> list[type[Event]]:
    """The event classes an area's contract module declares (for the catalogue check and the contract tests)."""
    return [value for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Event) and value is not Event
            and value.__module__ == module.__name__ and not value.__name__.startswith("_")]


def outbox_model(meta: type) -> type[Model]:
    """The outbox entry model for one function's table (`meta` from `common.dynamo.table_meta`)."""

    class OutboxEntry(TableItem):
        Meta = meta
        source = UnicodeAttribute()
        detail_type = UnicodeAttribute()
        body = UnicodeAttribute()
        expiration = TTLAttribute()

        @classmethod
        def of(cls, envelope: EventEnvelope) -> OutboxEntry:
            return cls(
                pk=OUTBOX_PREFIX + envelope.id, sk="EVENT",
                gsi1pk=OUTBOX_PENDING, gsi1sk=envelope.occurred_at.isoformat(),
                source=envelope.source, detail_type=envelope.detail_type,
                body=envelope.model_dump_json(), expiration=envelope.occurred_at + OUTBOX_RETENTION,
            )

    return OutboxEntry


class PublishError(Exception):
    def __init__(self, failed_ids: list[str]):
        self.failed_ids = failed_ids
        super().__init__(f"{len(failed_ids)} event(s) not accepted by EventBridge")


class EventBridgePublisher:
    """Sends envelopes in batches of 10 and raises for every entry EventBridge did not accept."""

    def __init__(self, client: Any, bus_name: str):
        self.client = client
        self.bus_name = bus_name

    def publish(self, envelopes: Iterable[EventEnvelope]) -> None:
        batch = list(envelopes)
        failed: list[str] = []
        for start in range(0, len(batch), 10):
            chunk = batch[start:start + 10]
            response = self.client.put_events(Entries=[self._entry(e) for e in chunk])
            if response.get("FailedEntryCount"):
                failed += [e.id for e, r in zip(chunk, response["Entries"], strict=True) if r.get("ErrorCode")]
        if failed:
            raise PublishError(failed)

    def _entry(self, envelope: EventEnvelope) -> dict[str, Any]:
        return {
            "Source": envelope.source,
            "DetailType": envelope.detail_type,
            "Detail": envelope.model_dump_json(),
            "EventBusName": self.bus_name,
            "Time": envelope.occurred_at,
        }


def envelope_from_eventbridge(event: dict[str, Any]) -> EventEnvelope:
    detail = event["detail"]
    return EventEnvelope.model_validate(json.loads(detail) if isinstance(detail, str) else detail)
