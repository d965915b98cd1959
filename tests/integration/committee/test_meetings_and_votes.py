"""An item's way through the committee (issue #12): the secretary puts it on a meeting with its sitting, members
declare and vote once, recused members are refused, the tally is recomputed from the stored votes, and the resolution
leaves as CommitteeResolved in the same transaction."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from committee import voting
from committee.models import VoteIn
from common.errors import Conflict
from common.identity import caller_from_claims
from contracts.committee import CommitteeResolved
from tests.builders import outbox, typed
from tests.integration.committee.conftest import MEMBERS, claims, member_caller

VOTERS = [m for m in MEMBERS if m != "EMP-M1"]  # M1 (FIN) is recused on P1's (FIN) item


def declare_all(api, item_id: str, members: list[str] = VOTERS) -> None:
    for member in members:
        assert api.declare(item_id, member_caller(member))[0] == 201


def test_the_roster_lists_its_members_and_no_breach_when_the_rules_are_kept(api):
    status, roster = api("GET", "/committee/members", "CIV-1")
    assert status == 200, roster
    assert sorted(m["member_id"] for m in roster["members"]) == sorted(MEMBERS)
    assert roster["breaches"] == []


def test_a_meeting_shows_the_breaches_of_its_sitting(api):
    meeting = api.meeting(designated=["EMP-K1", "EMP-M1"])  # two designated, one of three civilian-free
    codes = {b["code"] for b in meeting["breaches"]}
    assert codes == {"SITTING_TOO_FEW_DESIGNATED", "SITTING_CIVILIAN_SHARE_LOW"}
    assert api("GET", f"/committee/meetings/{meeting['meeting_id']}", "K1")[1]["breaches"] == meeting["breaches"]


def test_members_see_only_the_meetings_they_sit_on(api):
    mine = api.meeting(designated=["EMP-K1"])
    other = api.meeting(designated=["EMP-M1"])
    listed = {m["meeting_id"] for m in api("GET", "/committee/meetings", "K1")[1]["meetings"]}
    assert listed == {mine["meeting_id"]}
    assert api("GET", f"/committee/meetings/{other['meeting_id']}", "K1")[0] == 403
    assert len(api("GET", "/committee/meetings", "SEC")[1]["meetings"]) == 2


def test_a_member_declares_before_voting_and_a_recused_member_is_refused(api):
    item_id = api.sitting_item()
    # no declaration yet
    assert api.vote(item_id, "CIV-1")[1]["code"] == "DECLARATION_REQUIRED"
    # M1 works in the party's department: 제척 by the county's automatic tie, even after declaring nothing
    assert api.declare(item_id, "M1")[0] == 201
    status, body = api.vote(item_id, "M1")
    assert (status, body["code"]) == (422, "MEMBER_RECUSED")
    # a civilian steps aside (회피): refused too
    assert api.declare(item_id, "CIV-6", step_aside=True, reason="당사자와 친분")[0] == 201
    assert api.vote(item_id, "CIV-6")[1]["code"] == "MEMBER_RECUSED"
    # a declaration is made once
    assert api.declare(item_id, "CIV-6")[1]["code"] == "ALREADY_DECLARED"


def test_only_present_members_vote_and_the_quorum_counts_without_the_recused(api):
    present = ["EMP-D1", "EMP-K1", "EMP-M1", "CIV-1"]  # 3 of the 8 eligible (M1 recused): no quorum
    item_id = api.sitting_item(present=present)
    declare_all(api, item_id, ["EMP-D1", "EMP-K1", "CIV-1", "CIV-2"])
    assert api.vote(item_id, "CIV-2")[1]["code"] == "NOT_PRESENT"
    for member in ("EMP-D1", "EMP-K1", "CIV-1"):
        assert api.vote(item_id, member_caller(member))[0] == 201
    tally = api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]
    assert (tally["outcome"], tally["eligible"], tally["present"], tally["quorum_met"]) == ("no_quorum", 8, 3, False)
    assert api("POST", f"/committee/items/{item_id}/resolution", "SEC")[1]["code"] == "NO_QUORUM"


def test_a_resolution_is_the_recomputed_tally_and_leaves_as_committee_resolved(api):
    item_id = api.sitting_item()
    declare_all(api, item_id)
    choices = dict(zip(VOTERS, ["for"] * 5 + ["against", "abstain", "for"], strict=True))
    for member, choice in choices.items():
        assert api.vote(item_id, member_caller(member), choice)[0] == 201
    assert api.vote(item_id, "CIV-1", "against")[1]["code"] == "VOTE_ALREADY_CAST"  # final once cast

    # individual votes: the secretary and the chair; members see the tally only
    by_secretary = api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]
    assert {v["member_id"]: v["choice"] for v in by_secretary["votes"]} == choices
    assert api("GET", f"/committee/items/{item_id}/votes", "D1")[1]["votes"] is not None
    by_member = api("GET", f"/committee/items/{item_id}/votes", "CIV-2")[1]
    assert by_member["votes"] is None and by_member["counts"] == {"for": 6, "against": 1, "abstain": 1}
    assert api("GET", f"/committee/items/{item_id}/votes", "O1")[0] == 403

    status, resolved = api("POST", f"/committee/items/{item_id}/resolution", "SEC")
    assert status == 200, resolved
    assert (resolved["status"], resolved["outcome"]) == ("RESOLVED", "passed")
    events = [typed(e) for e in outbox("committee") if e.detail_type == "CommitteeResolved"]
    assert len(events) == 1 and isinstance(events[0], CommitteeResolved)
    assert (events[0].item_id, events[0].outcome, events[0].counts, events[0].present) == (
        item_id, "passed", {"for": 6, "against": 1, "abstain": 1}, 8)
    assert api("POST", f"/committee/items/{item_id}/resolution", "SEC")[1]["code"] == "ITEM_RESOLVED"
    assert api.vote(item_id, "CIV-2")[1]["code"] == "ITEM_RESOLVED"


def test_a_tie_is_rejected(api):
    item_id = api.sitting_item()
    declare_all(api, item_id)
    for member, choice in zip(VOTERS, ["for"] * 4 + ["against"] * 4, strict=True):
        assert api.vote(item_id, member_caller(member), choice)[0] == 201
    assert api("POST", f"/committee/items/{item_id}/resolution", "D1")[1]["outcome"] == "rejected"  # the chair


def test_the_secretary_records_a_declaration_and_a_vote_from_the_signed_paper(api):
    item_id = api.sitting_item()
    assert api.declare(item_id, "CIV-1", member_id="CIV-3")[0] == 403  # only the secretary records papers
    assert api.declare(item_id, "SEC", member_id="CIV-3")[0] == 201
    status, vote = api.vote(item_id, "SEC", "for", member_id="CIV-3")
    assert (status, vote["on_paper"]) == (201, True)
    assert api.vote(item_id, "CIV-1", "for", member_id="CIV-3")[0] == 403  # only the secretary records papers


def test_a_party_sees_only_the_status_and_an_outsider_nothing(api):
    item_id = api.item()["item_id"]
    status, seen = api("GET", f"/committee/items/{item_id}", "P1")
    assert (status, seen["view"], seen["summary"], seen["parties"]) == (200, "party", None, None)
    assert api("GET", f"/committee/items/{item_id}", "O1")[0] == 403
    assert api("GET", f"/committee/items/{item_id}", "SEC")[1]["view"] == "full"


def test_concurrent_votes_of_one_member_count_once(api, one_request_at_a_time):
    item_id = api.sitting_item()
    declare_all(api, item_id, ["CIV-1"])
    member = caller_from_claims(claims("CIV-1"))

    def attempt(choice: str) -> str:
        try:
            return voting.vote(member, item_id, VoteIn(choice=choice)).choice
        except Conflict as error:
            return error.code

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, ["for", "against"] * 10))
    assert results.count("VOTE_ALREADY_CAST") == 19
    tally = api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]
    assert sum(tally["counts"].values()) == 1 and len(tally["votes"]) == 1



def test_a_vote_racing_the_resolution_is_refused_so_the_resolution_counts_every_stored_vote(api, monkeypatch):
    item_id = api.sitting_item()
    declare_all(api, item_id)
    for member in VOTERS[:5]:
        assert api.vote(item_id, member_caller(member), "for")[0] == 201
    late: dict[str, int] = {}
    tally = voting.tally

    def tally_then_a_late_vote(item, meeting):
        counted = tally(item, meeting)
        late["status"] = api.vote(item_id, "CIV-5", "against")[0]  # arrives after the tally was read
        return counted

    monkeypatch.setattr(voting, "tally", tally_then_a_late_vote)
    status, resolved = api("POST", f"/committee/items/{item_id}/resolution", "SEC")
    monkeypatch.undo()

    assert status == 200 and late["status"] == 409
    stored = api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]
    assert resolved["counts"] == stored["counts"] == {"for": 5, "against": 0, "abstain": 0}


def test_a_resolution_without_quorum_leaves_the_item_open_for_votes(api):
    item_id = api.sitting_item()
    declare_all(api, item_id)
    assert api("POST", f"/committee/items/{item_id}/resolution", "SEC")[0] == 200  # 8 present, 0 for: rejected
    other = api.sitting_item(present=["EMP-D1"])
    assert api("POST", f"/committee/items/{other}/resolution", "SEC")[1]["code"] == "NO_QUORUM"
    assert api("GET", f"/committee/items/{other}", "SEC")[1]["status"] == "OPEN"


def test_a_selection_item_is_decided_per_candidate(api):
    item = api.item(kind="selection", title="2026 하반기 우수공무원 선발", parties=[],
                    candidates=["E7", "E8"], options=["tier1", "tier2", "not_selected"])
    meeting = api.meeting()
    api("PUT", f"/committee/meetings/{meeting['meeting_id']}/items/{item['item_id']}", "SEC")
    api.open(meeting["meeting_id"])
    api("PUT", f"/committee/meetings/{meeting['meeting_id']}/attendance", "SEC", {"present": MEMBERS})
    item_id = item["item_id"]
    declare_all(api, item_id, MEMBERS)
    assert api.vote(item_id, "D1", "for")[1]["code"] == "SELECTION_VOTE_REQUIRED"
    bad = api("POST", f"/committee/items/{item_id}/votes", "D1", {"choices": {"E7": "tier1"}})
    assert bad[1]["code"] == "SELECTION_VOTE_INVALID"  # every candidate, one of the item's options
    for n, member in enumerate(MEMBERS):  # E7: tier1 by 6 of 9; E8: split three ways
        choices = {"E7": "tier1" if n < 6 else "tier2", "E8": ["tier1", "tier2", "not_selected"][n % 3]}
        assert api("POST", f"/committee/items/{item_id}/votes", member_caller(member), {"choices": choices})[0] == 201

    tally = api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]
    assert (tally["outcome"], tally["candidates"]["E7"]["option"], tally["candidates"]["E8"]["option"]) == (
        "undecided", "tier1", None)
    assert api("POST", f"/committee/items/{item_id}/resolution", "SEC")[0] == 200
    resolved = next(typed(e) for e in outbox("committee") if e.detail_type == "CommitteeResolved")
    assert (resolved.outcome, resolved.selections, resolved.counts) == ("undecided", {"E7": "tier1", "E8": None}, {})


def test_a_vote_cancelled_only_by_another_members_concurrent_vote_is_tried_again(api, monkeypatch):
    from common.dynamo import Transaction, TransactionCancelled

    item_id = api.sitting_item()
    declare_all(api, item_id, ["CIV-1"])
    commit, conflicts = Transaction.commit, iter([True, True])

    def contended(self, failures=None):
        if next(conflicts, False):  # DynamoDB cancels a transaction on an item another one is writing
            raise TransactionCancelled([], ["None", "TransactionConflict"])
        return commit(self, failures)

    monkeypatch.setattr(Transaction, "commit", contended)
    assert api.vote(item_id, "CIV-1")[0] == 201
    monkeypatch.undo()
    assert api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]["counts"]["for"] == 1


def test_where_the_personnel_committee_acts_an_item_is_resolved_only_after_experts_were_heard(
        api, tmp_path, monkeypatch):
    from tests.builders import demo_county_with

    with demo_county_with(tmp_path, monkeypatch, "  personnel_committee_acts: false",
                          "  personnel_committee_acts: true"):
        item_id = api.sitting_item()
        declare_all(api, item_id)
        status, body = api("POST", f"/committee/items/{item_id}/resolution", "SEC")
        assert (status, body["code"]) == (422, "EXPERTS_NOT_HEARD")
        assert api("GET", f"/committee/items/{item_id}", "SEC")[1]["status"] == "OPEN"  # voting reopened
        status, heard = api("POST", f"/committee/items/{item_id}/hearings", "SEC",
                            {"experts": ["행정법 교수 김○○"], "summary": "면책 요건을 갖춤"})
        assert status == 201 and heard["hearings"][0]["experts"] == ["행정법 교수 김○○"]
        assert api("POST", f"/committee/items/{item_id}/resolution", "SEC")[0] == 200


def test_an_item_or_meeting_sent_again_with_its_idempotency_key_is_made_once(api):
    from tests.builders import call_api

    def send(path: str, body: dict) -> tuple[int, dict]:
        return call_api("committee", "POST", path, claims=claims("SEC"), body=body,
                        headers={"Idempotency-Key": f"k-{path}"})

    item = {"kind": "other", "title": "실행계획"}
    first, again = send("/committee/items", item), send("/committee/items", item)
    assert first[0] == again[0] == 201 and first[1]["item_id"] == again[1]["item_id"]
    meeting = {"kind": "ad_hoc", "title": "수시회의", "held_on": "2026-12-10", "chair_id": "EMP-D1"}
    first, again = send("/committee/meetings", meeting), send("/committee/meetings", meeting)
    assert first[0] == again[0] == 201 and first[1]["meeting_id"] == again[1]["meeting_id"]
    assert len(api("GET", "/committee/items", "SEC")[1]["items"]) == 1
    assert len(api("GET", "/committee/meetings", "SEC")[1]["meetings"]) == 1
