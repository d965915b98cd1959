"""The chair opens and closes a meeting (issue #12, Roles: "the chair opens and closes meetings"): attendance, votes
and resolutions happen only in between; opening or closing twice is 409; closing lists the items left unresolved."""

from __future__ import annotations

from tests.integration.committee.conftest import MEMBERS, member_caller


def on_planned_meeting(api) -> tuple[str, str]:
    item, meeting = api.item(), api.meeting()
    assert api("PUT", f"/committee/meetings/{meeting['meeting_id']}/items/{item['item_id']}", "SEC")[0] == 200
    return meeting["meeting_id"], item["item_id"]


def test_nothing_is_recorded_before_the_chair_opens_the_meeting(api):
    meeting_id, item_id = on_planned_meeting(api)
    assert api("GET", f"/committee/meetings/{meeting_id}", "SEC")[1]["state"] == "planned"
    status, body = api("PUT", f"/committee/meetings/{meeting_id}/attendance", "SEC", {"present": MEMBERS})
    assert (status, body["code"]) == (409, "MEETING_NOT_OPEN")
    assert body["message"].startswith("회의가 열려 있지 않습니다")
    assert api.declare(item_id, "CIV-1")[0] == 201  # declaring ahead of the meeting is allowed
    assert api.vote(item_id, "CIV-1")[1]["code"] == "MEETING_NOT_OPEN"
    assert api("POST", f"/committee/items/{item_id}/resolution", "SEC")[1]["code"] == "MEETING_NOT_OPEN"


def test_only_the_chair_opens_and_closes_and_each_once(api):
    meeting_id, _ = on_planned_meeting(api)
    for who in ("SEC", "K1", "CIV-1"):
        assert api("POST", f"/committee/meetings/{meeting_id}/opening", who)[1]["code"] == "NOT_CHAIR"
    assert api("POST", f"/committee/meetings/{meeting_id}/closing", "D1")[:1] == (409,)
    status, opened = api("POST", f"/committee/meetings/{meeting_id}/opening", "D1")
    assert (status, opened["state"]) == (200, "open") and opened["opened_at"]
    status, again = api("POST", f"/committee/meetings/{meeting_id}/opening", "D1")
    assert (status, again["code"]) == (409, "MEETING_ALREADY_OPENED")
    assert api("POST", f"/committee/meetings/{meeting_id}/closing", "K1")[1]["code"] == "NOT_CHAIR"
    assert api("POST", f"/committee/meetings/{meeting_id}/closing", "D1")[0] == 200
    status, again = api("POST", f"/committee/meetings/{meeting_id}/closing", "D1")
    assert (status, again["code"]) == (409, "MEETING_NOT_OPEN")
    status, reopened = api("POST", f"/committee/meetings/{meeting_id}/opening", "D1")
    assert (status, reopened["code"]) == (409, "MEETING_ALREADY_OPENED")  # a closed meeting stays closed


def test_closing_lists_the_unresolved_items_and_refuses_what_comes_after(api):
    meeting_id, left = on_planned_meeting(api)
    resolved = api.item(title="다른 안건")["item_id"]
    assert api("PUT", f"/committee/meetings/{meeting_id}/items/{resolved}", "SEC")[0] == 200
    api.open(meeting_id)
    assert api("PUT", f"/committee/meetings/{meeting_id}/attendance", "SEC", {"present": MEMBERS})[0] == 200
    voters = [m for m in MEMBERS if m != "EMP-M1"]  # M1 (FIN) is recused on P1's (FIN) item
    for member in voters:
        assert api.declare(resolved, member_caller(member))[0] == 201
        assert api.vote(resolved, member_caller(member))[0] == 201
    assert api.declare(left, "CIV-1")[0] == 201
    assert api("POST", f"/committee/items/{resolved}/resolution", "D1")[1]["outcome"] == "passed"

    status, closed = api("POST", f"/committee/meetings/{meeting_id}/closing", "D1")
    assert (status, closed["state"], closed["unresolved"]) == (200, "closed", [left])
    assert api.vote(left, "CIV-1")[1]["code"] == "MEETING_NOT_OPEN"
    assert api("POST", f"/committee/items/{left}/resolution", "SEC")[1]["code"] == "MEETING_NOT_OPEN"
    assert api("PUT", f"/committee/meetings/{meeting_id}/attendance", "SEC", {"present": []})[0] == 409
    # the item left over goes on another meeting
    other = api.meeting()["meeting_id"]
    assert api("PUT", f"/committee/meetings/{other}/items/{left}", "SEC")[0] == 200


def test_a_vote_racing_the_close_is_refused_by_the_database(api, monkeypatch):
    """The meeting's state is checked again in the vote's own transaction, not only before it."""
    from committee import meetings

    item_id = api.sitting_item()
    assert api.declare(item_id, "CIV-1")[0] == 201
    meeting_id = api("GET", f"/committee/items/{item_id}", "SEC")[1]["meeting_id"]
    real = meetings.ensure_open

    def then_the_chair_closes(meeting):
        real(meeting)
        monkeypatch.setattr(meetings, "ensure_open", real)
        assert api("POST", f"/committee/meetings/{meeting_id}/closing", "D1")[0] == 200

    monkeypatch.setattr(meetings, "ensure_open", then_the_chair_closes)
    status, body = api.vote(item_id, "CIV-1")
    assert (status, body["code"]) == (409, "MEETING_NOT_OPEN")
    assert api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]["counts"].get("for", 0) == 0
