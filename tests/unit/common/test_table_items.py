"""An item read from a table (`TableItem._instantiate`) is what PynamoDB itself builds from the same stored data:
every kind of attribute we keep, values present, absent (their defaults) and stored as NULL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pynamodb.attributes import (
    AttributeContainer,
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)
from pynamodb.exceptions import AttributeDeserializationError

from common.dynamo import TableItem, table_meta


class Address(MapAttribute):
    city = UnicodeAttribute()
    zip_code = UnicodeAttribute(attr_name="zip", null=True)


class Everything(TableItem):
    Meta = table_meta("UNIT_TABLE", "unit")
    title = UnicodeAttribute(attr_name="t", null=True)
    points = NumberAttribute(default=0)
    tags = UnicodeSetAttribute(null=True)
    active = BooleanAttribute(default=lambda: True)
    details = JSONAttribute(null=True)
    history = ListAttribute(null=True)
    address = Address(null=True)
    loose = MapAttribute(null=True)
    expiration = TTLAttribute(null=True)
    note = UnicodeAttribute(null=True, default="없음")


def pynamodbs_own(data: dict) -> Everything:
    return AttributeContainer._instantiate.__func__(Everything, data)


def test_a_full_item_reads_back_as_pynamodb_builds_it():
    item = Everything(pk="CASE#1", sk="META", gsi1pk="G#1", title="군민 제안", points=12, tags={"가", "나"},
                      active=False, details={"단계": [1, 2], "ok": None}, history=["접수", 3],
                      address=Address(city="춘천", zip_code="24341"), loose={"a": "b"},
                      expiration=datetime(2027, 1, 1, tzinfo=UTC), note="메모")
    data = item.serialize()
    read = Everything.from_raw_data(data)
    assert read.attribute_values.keys() == pynamodbs_own(data).attribute_values.keys()
    assert read.serialize() == pynamodbs_own(data).serialize() == data
    assert (read.title, read.points, read.tags, read.active) == ("군민 제안", 12, {"가", "나"}, False)
    assert read.address.city == "춘천" and read.address.zip_code == "24341" and read.loose["a"] == "b"
    assert read.expiration == datetime(2027, 1, 1, tzinfo=UTC) and read.details == {"단계": [1, 2], "ok": None}


def test_absent_and_null_values_take_the_attribute_defaults():
    data = {"pk": {"S": "CASE#2"}, "sk": {"S": "META"}, "note": {"NULL": True}}
    read = Everything.from_raw_data(data)
    own = pynamodbs_own(data)
    assert read.attribute_values == own.attribute_values == {"pk": "CASE#2", "sk": "META", "points": 0,
                                                             "active": True, "note": "없음"}
    assert read.title is None and read.address is None and read.expiration is None
    read.points += 1  # an item read is an ordinary item: it changes and serializes as one
    assert read.serialize()["points"] == {"N": "1"}


class MoreThanEverything(Everything):
    """A subclass reads with its own attributes (what a class learns about its attributes is not inherited)."""

    extra = UnicodeAttribute(null=True)


def test_a_subclass_read_after_its_parent_keeps_its_own_attributes():
    data = {"pk": {"S": "CASE#3"}, "sk": {"S": "META"}, "t": {"S": "제목"}, "extra": {"S": "더"}}
    assert Everything.from_raw_data(data).attribute_values.get("extra") is None
    read = MoreThanEverything.from_raw_data(data)
    assert (read.title, read.extra) == ("제목", "더")
    assert Everything.from_raw_data(data).serialize() == pynamodbs_own(data).serialize()


def test_a_stored_value_of_another_type_fails_as_it_does_in_pynamodb():
    data = {"pk": {"S": "CASE#4"}, "sk": {"S": "META"}, "points": {"S": "열둘"}}
    with pytest.raises(AttributeDeserializationError) as ours:
        Everything.from_raw_data(data)
    with pytest.raises(AttributeDeserializationError) as theirs:
        pynamodbs_own(data)
    assert str(ours.value) == str(theirs.value)


def test_fields_are_what_reading_each_attribute_gives():
    item = Everything.from_raw_data(Everything(pk="CASE#5", sk="META", title="제목", points=3,
                                               address=Address(city="춘천")).serialize())
    names = tuple(Everything._attributes)
    assert item.fields(*names) == {name: getattr(item, name) for name in names}
    assert item.fields("title", "tags") == {"title": "제목", "tags": None}
    with pytest.raises(AttributeError):
        item.fields("title", "t")  # the stored name is no attribute name
