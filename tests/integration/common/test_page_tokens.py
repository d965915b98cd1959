"""Paged queries resume only from a key the same query could have handed out (issue #8 §4): a `next_token` must
carry exactly the key attributes of the queried source's LastEvaluatedKey — the table's pk/sk, and for an index also
its hash/range — in the queried partition. Anything else is 422 INVALID_TOKEN, never a DynamoDB error (500)."""

from __future__ import annotations

import base64
import json

import pytest
from pynamodb.attributes import UnicodeAttribute

from common.dynamo import InvalidPageToken, TableItem, index, query_page, table_meta


class Thing(TableItem):
    Meta = table_meta("MILEAGE_TABLE", "jeokgeuk-demo-mileage")
    label = UnicodeAttribute(default="")
    by_group = index("gsi1")


def token_of(key) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


@pytest.fixture
def things(stack):
    for n in range(5):
        Thing(pk="BOX#1", sk=f"THING#{n}", gsi1pk="GROUP#A", gsi1sk=f"{n}").save()
    return Thing


def walk(source, hash_value: str, **query) -> list[str]:
    seen, token = [], None
    while True:
        page = query_page(source, hash_value, token, limit=2, **query)
        seen += [item.sk for item in page.items]
        token = page.next_token
        if token is None:
            return seen


def test_tokens_handed_out_walk_table_and_index_queries_to_the_end(things):
    assert walk(things, "BOX#1") == [f"THING#{n}" for n in range(5)]
    assert walk(things.by_group, "GROUP#A") == [f"THING#{n}" for n in range(5)]


TABLE_TOKENS = {
    "partition only": {"pk": {"S": "BOX#1"}},
    "sort key only": {"sk": {"S": "THING#1"}},
    "an extra attribute": {"pk": {"S": "BOX#1"}, "sk": {"S": "THING#1"}, "label": {"S": "x"}},
    "index attributes on a table query": {"pk": {"S": "BOX#1"}, "sk": {"S": "THING#1"},
                                          "gsi1pk": {"S": "GROUP#A"}, "gsi1sk": {"S": "1"}},
    "a number for a string key": {"pk": {"S": "BOX#1"}, "sk": {"N": "1"}},
    "an empty sort key": {"pk": {"S": "BOX#1"}, "sk": {"S": ""}},
    "another partition": {"pk": {"S": "BOX#2"}, "sk": {"S": "THING#1"}},
    "a 5,000-digit number": {"pk": {"S": "BOX#1"}, "sk": {"N": "9" * 5000}},
}
INDEX_TOKENS = {
    "index key only": {"gsi1pk": {"S": "GROUP#A"}, "gsi1sk": {"S": "1"}},
    "no index range": {"pk": {"S": "BOX#1"}, "sk": {"S": "THING#1"}, "gsi1pk": {"S": "GROUP#A"}},
    "no table sort key": {"pk": {"S": "BOX#1"}, "gsi1pk": {"S": "GROUP#A"}, "gsi1sk": {"S": "1"}},
    "table key only": {"pk": {"S": "BOX#1"}, "sk": {"S": "THING#1"}},
    "another index partition": {"pk": {"S": "BOX#1"}, "sk": {"S": "THING#1"}, "gsi1pk": {"S": "GROUP#B"},
                                "gsi1sk": {"S": "1"}},
}


@pytest.mark.parametrize("name", list(TABLE_TOKENS))
def test_a_table_query_refuses_a_key_that_is_not_its_own(things, name):
    with pytest.raises(InvalidPageToken):
        query_page(things, "BOX#1", token_of(TABLE_TOKENS[name]), limit=2)


@pytest.mark.parametrize("name", list(INDEX_TOKENS))
def test_an_index_query_refuses_a_key_without_every_index_and_table_key_attribute(things, name):
    with pytest.raises(InvalidPageToken):
        query_page(things.by_group, "GROUP#A", token_of(INDEX_TOKENS[name]), limit=2)


@pytest.mark.parametrize("token", ["%%%", token_of([1]), "W" * 3 + "=", token_of("[" * 5000),
                                   base64.urlsafe_b64encode(b"[" * 100_000).decode(),
                                   base64.urlsafe_b64encode(b"9" * 5000).decode()])
def test_a_token_that_is_not_a_key_at_all_is_refused(things, token):
    with pytest.raises(InvalidPageToken):
        query_page(things, "BOX#1", token, limit=2)
