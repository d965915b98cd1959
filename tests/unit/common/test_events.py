"""Typed events: a publisher's model builds the envelope, a consumer reads it back with the same model."""

from __future__ import annotations

import sys
from typing import ClassVar

import pytest
from pydantic import ValidationError

from common.events import Event, events_of, new_event


class ThingHappened(Event):
    area: ClassVar[str] = "probe"
    thing_id: str
    count: int


def test_an_event_round_trips_through_its_envelope():
    envelope = ThingHappened(thing_id="T-1", count=2).envelope(correlation_id="c-1")
    assert (envelope.source, envelope.detail_type, envelope.correlation_id) == ("jeokgeuk.probe", "ThingHappened",
                                                                              "c-1")
    assert envelope.data == {"thing_id": "T-1", "count": 2}
    assert ThingHappened.of(envelope) == ThingHappened(thing_id="T-1", count=2)


def test_a_consumer_refuses_another_event_or_a_changed_payload_and_ignores_additions():
    with pytest.raises(ValueError, match="is not probe/ThingHappened"):
        ThingHappened.of(new_event("probe", "OtherThing", {"thing_id": "T-1", "count": 2}))
    with pytest.raises(ValidationError):
        ThingHappened.of(new_event("probe", "ThingHappened", {"thing_id": "T-1", "count": "many"}))
    added = ThingHappened.of(new_event("probe", "ThingHappened", {"thing_id": "T-1", "count": 2, "new": True}))
    assert added == ThingHappened(thing_id="T-1", count=2)


def test_an_areas_events_are_listed_from_its_module():
    assert events_of(sys.modules[__name__]) == [ThingHappened]
