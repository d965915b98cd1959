"""A written meeting's votes count inside its window only, and they are its attendance; the roster follows the
directory's events, older ones ignored, and lists the breaches a departure causes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from common.clock import now
from contracts.directory import EmployeeLeft
from tests.integration.committee.conftest import CIVILIANS, joined, project


@pytest.fixture
def clock(monkeypatch):
    """The committee's clock, moved by the test."""
    from committee import meetings, voting

    moment = {"now": now()}
    for module in (meetings, voting):
        monkeypatch.setattr(module, "now", lambda: moment["now"])
    return moment


def test_a_written_meetings_votes_count_in_its_window_and_make_its_attendance(api, clock):
    item_id = api.sitting_item(kind="written")
    meeting_id = api("GET", f"/committee/items/{item_id}", "SEC")[1]["meeting_id"]
    status, body = api("PUT", f"/committee/meetings/{meeting_id}/attendance", "SEC", {"present": ["EMP-D1"]})
    assert (status, body["code"]) == (422, "WRITTEN_MEETING_ATTENDANCE")

    clock["now"] += timedelta(days=1)
    voters = ["D1", "K1", *list(CIVILIANS)[:3]]  # 5 of the 8 eligible (M1, FIN, is recused on P1's item)
    for who in voters:
        assert api.declare(item_id, who)[0] == 201
        assert api.vote(item_id, who, "for")[0] == 201
    tally = api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]
    assert (tally["present"], tally["eligible"], tally["quorum_met"], tally["outcome"]) == (5, 8, True, "passed")

    clock["now"] += timedelta(days=7)  # the demo's committee_written_vote: 7 calendar days
    assert api.declare(item_id, "CIV-4")[0] == 201
    status, body = api.vote(item_id, "CIV-4", "against")
    assert (status, body["code"]) == (422, "WRITTEN_VOTE_CLOSED")


def test_a_member_who_leaves_drops_off_the_roster_with_the_breaches_it_causes(api):
    project(EmployeeLeft(employee_no="K1", department="AUD", roles=["staff", "audit"], version=2,
                         changed=["active"]).envelope())
    project(joined("K1"))  # an older event delivered late changes nothing

    roster = api("GET", "/committee/members", "SEC")[1]
    assert "EMP-K1" not in {m["member_id"] for m in roster["members"]}
    assert {b["code"] for b in roster["breaches"]} == {"TOO_FEW_MEMBERS", "AUDIT_HEAD_NOT_MEMBER"}
    # the leaver is no longer on the committee: no roster for them
    assert api("GET", "/committee/members", "K1")[0] == 403


def test_a_member_who_left_may_not_vote_on_a_meeting_they_were_designated_for(api):
    item_id = api.sitting_item()
    assert api.declare(item_id, "K1")[0] == 201
    project(EmployeeLeft(employee_no="K1", department="AUD", roles=["staff", "audit"], version=2,
                         changed=["active"]).envelope())
    status, body = api.vote(item_id, "K1")
    assert (status, body["code"]) == (422, "MEMBER_NOT_SERVING")
