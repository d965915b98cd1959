"""Paged lists: `next_token` walks a list to its end; a token that was not handed out, or that points into another
person's or department's list, is refused with 422 INVALID_TOKEN and reveals nothing."""

from __future__ import annotations

import base64
import json

import pytest


def token_of(key) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def walk(api, path: str, who: str, limit: int) -> list[list[str]]:
    pages, token = [], None
    while True:
        query = {"limit": str(limit), **({"next_token": token} if token else {})}
        status, body = api("GET", path, who, query=query)
        assert status == 200, body
        pages.append([entry["entry_id"] for entry in body["items"]])
        token = body["next_token"]
        if token is None:
            return pages


def test_next_token_walks_the_ledger_to_its_end(api):
    for n in range(5):
        api.credited(1, title=f"행위 {n}")
    pages = walk(api, "/mileage/accounts/E1/ledger", "E1", limit=2)
    entries = [entry for page in pages for entry in page]
    assert [len(page) for page in pages][:3] == [2, 2, 1] and len(entries) == len(set(entries)) == 5


@pytest.mark.parametrize("token", [
    "%%%",                                                            # not base64
    token_of([1]),                                                    # not a key
    token_of({"pk": {"S": "ACCT#E1"}, "sk": {"L": []}}),              # not a key's value
    token_of({"pk": {"S": "ACCT#E2"}, "sk": {"S": "LEDGER#2026"}}),   # another person's ledger
    token_of({"sk": {"S": "LEDGER#2026"}}),                           # no partition
])
def test_a_token_that_was_not_handed_out_is_refused(api, token):
    api.credited(1)
    status, body = api("GET", "/mileage/accounts/E1/ledger", "E1", query={"next_token": token})
    assert (status, body["code"]) == (422, "INVALID_TOKEN")


def test_a_token_of_another_department_is_refused_on_index_lists(api):
    crafted = token_of({"pk": {"S": "ACCT#T1"}, "sk": {"S": "BALANCE"}, "gsi1pk": {"S": "DEPTACCT#TAX"},
                        "gsi1sk": {"S": "T1"}})
    status, body = api("GET", "/mileage/departments/FIN/accounts", "H1", query={"next_token": crafted})
    assert (status, body["code"]) == (422, "INVALID_TOKEN")
