"""A party sees only their own items, and of them only the status, the meeting's day and the resolution (issue #12,
Roles: "parties see only their own item's status and resolution"), listed by an index query."""

from __future__ import annotations

from tests.integration.committee.conftest import MEMBERS, member_caller

PARTY_FIELDS = {"item_id", "kind", "title", "status", "meeting_on", "outcome", "resolved_at"}


def test_a_party_lists_their_own_items_with_status_meeting_day_and_outcome_only(api):
    mine = api.item(title="P1의 면책 건의", parties=[{"employee_no": "P1", "department": "FIN"},
                                                   {"employee_no": "O1", "name": "외부 업체"}])["item_id"]
    resolved = api.sitting_item(title="P1의 두 번째 건")
    api.item(title="다른 직원의 건", parties=[{"employee_no": "M1"}])
    for member in MEMBERS:
        if member != "EMP-M1":  # M1 (FIN) is recused on P1's (FIN) item
            assert api.declare(resolved, member_caller(member))[0] == 201
            assert api.vote(resolved, member_caller(member))[0] == 201
    assert api("POST", f"/committee/items/{resolved}/resolution", "D1")[0] == 200

    status, listed = api("GET", "/committee/my-items", "P1")
    assert status == 200, listed
    assert [i["item_id"] for i in listed["items"]] == [resolved, mine]  # newest first
    assert all(set(i) == PARTY_FIELDS for i in listed["items"])  # no votes, members, other parties, documents
    first, second = listed["items"]
    assert (first["status"], first["outcome"], first["meeting_on"] is not None) == ("RESOLVED", "passed", True)
    assert (second["status"], second["outcome"], second["meeting_on"]) == ("OPEN", None, None)


def test_another_partys_item_is_neither_listed_nor_readable(api):
    item_id = api.item()["item_id"]  # P1's
    assert api("GET", "/committee/my-items", "O1")[1]["items"] == []
    status, body = api("GET", f"/committee/items/{item_id}", "O1")
    assert (status, body["code"]) == (403, "NOT_YOUR_ITEM")


def test_the_list_is_paged(api):
    made = [api.item(title=f"건 {n}")["item_id"] for n in range(3)]
    status, page = api("GET", "/committee/my-items", "P1", query={"limit": "2"})
    assert status == 200 and len(page["items"]) == 2 and page["next_token"]
    rest = api("GET", "/committee/my-items", "P1", query={"limit": "2", "next_token": page["next_token"]})[1]
    assert [i["item_id"] for i in page["items"] + rest["items"]] == made[::-1]
    assert api("GET", "/committee/my-items", "P1", query={"next_token": "bad"})[0] == 422
