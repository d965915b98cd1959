"""기피 (issue #12): a party challenges a member; until the committee decides, the member may not vote on the item; the
decision is taken without the challenged member (and without members recused on the item); upheld, the member is
recused on the item and out of its quorum."""

from __future__ import annotations

from tests.integration.committee.conftest import MEMBERS


def test_a_challenge_is_decided_without_the_challenged_member_and_recuses_them(api):
    item_id = api.sitting_item()
    status, made = api("POST", f"/committee/items/{item_id}/challenges", "P1",
                       {"member_id": "CIV-1", "reasons": "당사자와 같은 단체의 임원"})
    assert (status, made["upheld"]) == (201, None)
    challenge = f"/committee/items/{item_id}/challenges/{made['challenge_id']}"
    assert api("POST", f"/committee/items/{item_id}/challenges", "O1",
               {"member_id": "CIV-1", "reasons": "이유"})[1]["code"] == "NOT_A_PARTY"

    # pending: the challenged member may not vote on the item
    assert api.declare(item_id, "CIV-1")[0] == 201
    assert api.vote(item_id, "CIV-1")[1]["code"] == "CHALLENGE_PENDING"
    # nor on the challenge; nor may a member recused on the item (M1: the party's department)
    assert api("POST", f"{challenge}/votes", "CIV-1", {"choice": "against"})[1]["code"] == "CHALLENGED_MEMBER_EXCLUDED"
    assert api("POST", f"{challenge}/votes", "M1", {"choice": "for"})[1]["code"] == "MEMBER_RECUSED"

    for who, choice in [("D1", "for"), ("K1", "for"), ("CIV-2", "for"), ("CIV-3", "for"), ("CIV-4", "against")]:
        assert api("POST", f"{challenge}/votes", who, {"choice": choice})[0] == 201
    assert api("POST", f"{challenge}/votes", "D1", {"choice": "for"})[1]["code"] == "VOTE_ALREADY_CAST"

    status, decided = api("POST", f"{challenge}/decision", "SEC")
    assert status == 200, decided
    assert (decided["upheld"], decided["counts"]) == (True, {"for": 4, "against": 1, "abstain": 0})
    assert api("POST", f"{challenge}/decision", "SEC")[1]["code"] == "CHALLENGE_DECIDED"

    # upheld: recused on the item, and out of its quorum with M1
    assert api.vote(item_id, "CIV-1")[1]["code"] == "MEMBER_RECUSED"
    tally = api("GET", f"/committee/items/{item_id}/votes", "SEC")[1]
    assert tally["eligible"] == len(MEMBERS) - 2


def test_a_challenge_decision_needs_its_own_quorum_without_the_challenged_member(api):
    # present: the chair, K1 and CIV-1 of the 9; the decision's whole is 7 (CIV-1 challenged, M1 recused)
    item_id = api.sitting_item(present=["EMP-D1", "EMP-K1", "CIV-1"])
    made = api("POST", f"/committee/items/{item_id}/challenges", "P1", {"member_id": "CIV-1", "reasons": "이유"})[1]
    status, body = api("POST", f"/committee/items/{item_id}/challenges/{made['challenge_id']}/decision", "D1")
    assert (status, body["code"], body["details"]) == (422, "NO_QUORUM", {"present": 2, "needed": 4})


def test_a_challenge_is_voted_and_decided_only_while_its_meeting_is_open(api):
    item_id = api.sitting_item()
    made = api("POST", f"/committee/items/{item_id}/challenges", "P1", {"member_id": "CIV-1", "reasons": "이유"})[1]
    challenge = f"/committee/items/{item_id}/challenges/{made['challenge_id']}"
    assert api("POST", f"{challenge}/votes", "D1", {"choice": "for"})[0] == 201
    meeting_id = api("GET", f"/committee/items/{item_id}", "SEC")[1]["meeting_id"]
    assert api("POST", f"/committee/meetings/{meeting_id}/closing", "D1")[0] == 200

    status, body = api("POST", f"{challenge}/votes", "K1", {"choice": "for"})
    assert (status, body["code"]) == (409, "MEETING_NOT_OPEN")
    status, body = api("POST", f"{challenge}/decision", "SEC")
    assert (status, body["code"]) == (409, "MEETING_NOT_OPEN")
