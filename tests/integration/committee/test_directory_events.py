"""The directory tells the committee about its civilian members (issue #12, members): the event is written with the
roster entry, carries no name, affiliation or contact, and builds the committee's own members projection."""

from __future__ import annotations

from pathlib import Path

from contracts.directory import CommitteeMemberAppointed
from tests.builders import call_api, outbox, staff_claims, typed

ADMIN = staff_claims("2026010", "ADM", "admin")
DEMO = Path(__file__).resolve().parents[3] / "infra" / "demo"
CIVILIAN = {"civilian": True, "gender": "F", "name": "정민아", "affiliation": "데모대학교 행정학과",
            "contact": "010-1234-5678", "term_start": "2026-01-01", "term_end": "2027-12-31"}


def appoint(body: dict | None = None) -> dict:
    status, member = call_api("directory", "POST", "/directory/committee/members", claims=ADMIN,
                              body=body or CIVILIAN)
    assert status == 201, member
    return member


def test_appointing_a_civilian_member_publishes_it_without_name_or_contact(stack):
    # Given an administrator appoints a civilian member
    member = appoint()

    # Then the directory's outbox holds one CommitteeMemberAppointed, read with the directory's own model
    events = [typed(e) for e in outbox("directory") if e.detail_type == "CommitteeMemberAppointed"]
    assert events == [CommitteeMemberAppointed(member_id=member["member_id"], gender="F",
                                               term_start="2026-01-01", term_end="2027-12-31")]
    # And nothing that names or reaches the person travels
    raw = next(e for e in outbox("directory") if e.detail_type == "CommitteeMemberAppointed").model_dump_json()
    for personal in ("정민아", "데모대학교", "010-1234-5678"):
        assert personal not in raw


def test_a_refused_duplicate_publishes_nothing_more(stack):
    appoint()
    status, body = call_api("directory", "POST", "/directory/committee/members", claims=ADMIN, body=CIVILIAN)
    assert (status, body["code"]) == (409, "ALREADY_MEMBER")
    assert len([e for e in outbox("directory") if e.detail_type == "CommitteeMemberAppointed"]) == 1


def test_the_directorys_real_events_build_the_committees_members(stack):
    from committee import on_directory_event
    from tests.integration.test_event_contracts import deliver

    # Given the directory's own outbox after an ex-officio member and a civilian were added
    civilian = appoint()
    status, _ = call_api("directory", "POST", "/directory/imports", claims=ADMIN, query={"kind": "departments"},
                         raw_body=(DEMO / "departments.csv").read_bytes(), headers={"content-type": "text/csv"})
    assert status == 200
    status, _ = call_api("directory", "POST", "/directory/imports", claims=ADMIN, query={"kind": "staff"},
                         raw_body=(DEMO / "staff.csv").read_bytes(), headers={"content-type": "text/csv"})
    assert status == 200

    # When the committee's projection consumes every event the directory wrote
    deliver(on_directory_event.handler, outbox("directory"))
    deliver(on_directory_event.handler, outbox("directory"))  # delivered twice: nothing changes

    # Then its roster holds the civilian (gender and term, no name) and the employees holding `committee`
    status, roster = call_api("committee", "GET", "/committee/members", claims=staff_claims("2026003", "AUD",
                                                                                             "committee_secretary"))
    assert status == 200, roster
    by_id = {m["member_id"]: m for m in roster["members"]}
    assert set(by_id) == {civilian["member_id"], "EMP-2026001", "EMP-2026016", "EMP-2026021"}
    assert (by_id[civilian["member_id"]]["civilian"], by_id[civilian["member_id"]]["gender"]) == (True, "F")
    assert by_id["EMP-2026001"]["audit_head"] is True
    assert "name" not in by_id[civilian["member_id"]]
    # four members, no chair: the breaches say so
    assert {"TOO_FEW_MEMBERS", "CHAIR_MISSING"} <= {b["code"] for b in roster["breaches"]}


def test_a_civilians_term_change_and_end_reach_the_committees_roster(stack):
    from datetime import timedelta

    from committee import on_directory_event
    from common.clock import today
    from contracts.directory import CommitteeMemberChanged, CommitteeMemberEnded
    from tests.integration.test_event_contracts import deliver

    secretary = staff_claims("2026003", "AUD", "committee_secretary")
    member = appoint({**CIVILIAN, "term_start": (today() - timedelta(days=60)).isoformat()})
    path = f"/directory/committee/members/{member['member_id']}"

    # the term's end moves: the committee is told, without a name
    status, changed = call_api("directory", "PATCH", path, claims=ADMIN, body={"term_end": "2028-06-30"})
    assert (status, changed["term_end"]) == (200, "2028-06-30")
    deliver(on_directory_event.handler, outbox("directory"))
    roster = call_api("committee", "GET", "/committee/members", claims=secretary)[1]
    assert [m["term_end"] for m in roster["members"]] == ["2028-06-30"]

    # then the member is relieved (해촉): not serving from today, in the directory and the committee
    status, ended = call_api("directory", "DELETE", path, claims=ADMIN)
    assert (status, ended["serving"]) == (200, False)
    assert call_api("directory", "DELETE", path, claims=ADMIN)[1]["code"] == "NOT_SERVING"
    events = [typed(e) for e in outbox("directory")]
    assert [type(e) for e in events if isinstance(e, CommitteeMemberChanged | CommitteeMemberEnded)] == [
        CommitteeMemberChanged, CommitteeMemberEnded]
    deliver(on_directory_event.handler, outbox("directory"))
    roster = call_api("committee", "GET", "/committee/members", claims=secretary)[1]
    assert roster["members"] == []
