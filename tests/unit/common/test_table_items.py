"""An item read from a table (`TableItem._instantiate`) is what PynamoDB itself builds from the same stored data:
every kind of attribute we keep, values present, absent (their defaults) and stored as NULL."""

from __future__ import annotations

from datetime import UTC, datetime

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
