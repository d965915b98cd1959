"""Who may call what: every committee route of the template against every kind of caller (issue #12, "every route
in the authorisation matrix"). A route in the template without a row here fails the test.

Meeting A sits D1 (its chair), K1 and the six civilians; M1 is a member who does not sit on it (another meeting's
member); its items have P1 (FIN) as their party; O1 is staff with no part; SEC is the secretary. A mutating route gets
a fresh object whenever an allowed caller has used the last one up, so every caller meets it in the same state."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from tests.builders import authorized_routes, matrix_statuses, resident_claims
from tests.integration.committee.conftest import CIVILIANS

CALLERS: dict[str, Any] = {"nobody": None, "resident": resident_claims(), "SEC": "SEC", "D1": "D1", "K1": "K1",
                           "CIV-1": "CIV-1", "M1": "M1", "P1": "P1", "O1": "O1"}
SITTING = ("D1", "K1", "CIV-1")


def only(*allowed: str, status: int = 200) -> dict[str, int]:
    return {who: 401 if who == "nobody" else status if who in allowed else 403 for who in CALLERS}


class World:
    def __init__(self, api: Any):
        self.api = api
        self.numbers = itertools.count()
        self.meeting = api.meeting(designated=["EMP-K1", *CIVILIANS])["meeting_id"]
        present = ["EMP-D1", "EMP-K1", *CIVILIANS]
        api.open(self.meeting)
        assert api("PUT", f"/committee/meetings/{self.meeting}/attendance", "SEC", {"present": present})[0] == 200
        self.item = self.on_meeting()
        self.declared = self.on_meeting()
        for who in SITTING:
            assert api.declare(self.declared, who)[0] == 201
        self.challenged = self.challenge(self.item)

    def on_meeting(self) -> str:
        item_id = self.api.item(title=f"안건 {next(self.numbers)}")["item_id"]
        assert self.api("PUT", f"/committee/meetings/{self.meeting}/items/{item_id}", "SEC")[0] == 200
        return item_id

    def challenge(self, item_id: str, member_id: str = "CIV-6") -> str:
        status, made = self.api("POST", f"/committee/items/{item_id}/challenges", "P1",
                                {"member_id": member_id, "reasons": "당사자와 같은 단체 소속"})
        assert status == 201, made
        return made["challenge_id"]

    def asked(self) -> str:
        """An item whose audit-head opinion the chair asked: a fresh one each call."""
        item_id = self.on_meeting()
        assert self.api("POST", f"/committee/items/{item_id}/audit-opinion/request", "D1")[0] == 201
        return item_id

    def other_meeting(self, opened: bool = False) -> str:
        """A fresh meeting D1 chairs (opened by D1 if `opened`): one each call (opening and closing use it up)."""
        meeting_id = self.api.meeting(designated=["EMP-K1", *CIVILIANS])["meeting_id"]
        if opened:
            self.api.open(meeting_id)
        return meeting_id

    def fresh_item(self) -> str:
        """An open item on meeting A: one each call (a resolution, a declaration, a vote use theirs up)."""
        return self.on_meeting()


Request = Callable[[World], tuple[str, dict[str, Any]]]


def fixed(path: str, **kwargs: Any) -> Request:
    return lambda _: (path, kwargs)


def on_item(suffix: str = "", **kwargs: Any) -> Request:
    return lambda w: (f"/committee/items/{w.item}{suffix}", kwargs)


def on_meeting(suffix: str = "", **kwargs: Any) -> Request:
    return lambda w: (f"/committee/meetings/{w.meeting}{suffix}", kwargs)


def fresh(suffix: str, **kwargs: Any) -> Request:
    return lambda w: (f"/committee/items/{w.fresh_item()}{suffix}", kwargs)


def vote(w: World) -> tuple[str, dict[str, Any]]:
    """A vote on an item the sitting declared on; each allowed member votes on a new one."""
    item_id = w.on_meeting()
    for who in SITTING:
        w.api.declare(item_id, who)
    return f"/committee/items/{item_id}/votes", {"body": {"choice": "for"}}


NEW_ITEM = {"kind": "other", "title": "실행계획 수립"}
NEW_MEETING = {"kind": "written", "title": "서면회의", "chair_id": "EMP-D1", "designated": ["EMP-K1"]}

# name: (method, template path, request, {caller: status})
MATRIX: dict[str, tuple[str, str, Request, dict[str, int]]] = {
    "roster": ("GET", "/committee/members", fixed("/committee/members"), only("SEC", *SITTING, "M1")),
    "create item": ("POST", "/committee/items", fixed("/committee/items", body=NEW_ITEM), only("SEC", status=201)),
    "items": ("GET", "/committee/items", fixed("/committee/items"), only("SEC")),
    "party's items": ("GET", "/committee/my-items", fixed("/committee/my-items"),
                      only("SEC", "D1", "K1", "M1", "P1", "O1")),
    "one item": ("GET", "/committee/items/{item_id}", on_item(), only("SEC", *SITTING, "P1")),
    "declare": ("POST", "/committee/items/{item_id}/declarations", fresh("/declarations", body={}),
                only(*SITTING, status=201)),
    "vote": ("POST", "/committee/items/{item_id}/votes", vote, only(*SITTING, status=201)),
    "tally": ("GET", "/committee/items/{item_id}/votes", on_item("/votes"), only("SEC", *SITTING)),
    "resolve": ("POST", "/committee/items/{item_id}/resolution", fresh("/resolution"), only("SEC", "D1")),
    "hearing": ("POST", "/committee/items/{item_id}/hearings",
                on_item("/hearings", body={"experts": ["행정법 교수"], "summary": "면책 요건 충족"}),
                only("SEC", status=201)),
    "ask audit opinion": ("POST", "/committee/items/{item_id}/audit-opinion/request",
                          lambda w: (f"/committee/items/{w.fresh_item()}/audit-opinion/request", {}),
                          only("D1", status=201)),
    "extend audit opinion": ("POST", "/committee/items/{item_id}/audit-opinion/extension",
                             lambda w: (f"/committee/items/{w.asked()}/audit-opinion/extension",
                                        {"body": {"reason": "검토"}}), only("K1")),
    "give audit opinion": ("PUT", "/committee/items/{item_id}/audit-opinion",
                           lambda w: (f"/committee/items/{w.asked()}/audit-opinion",
                                      {"body": {"opinion": "의견"}}), only("K1")),
    "challenge": ("POST", "/committee/items/{item_id}/challenges",
                  on_item("/challenges", body={"member_id": "CIV-6", "reasons": "이해관계"}), only("P1", status=201)),
    "challenge vote": ("POST", "/committee/items/{item_id}/challenges/{challenge_id}/votes",
                       lambda w: (f"/committee/items/{w.item}/challenges/{w.challenged}/votes",
                                  {"body": {"choice": "against"}}), only(*SITTING, status=201)),
    "challenge decision": ("POST", "/committee/items/{item_id}/challenges/{challenge_id}/decision",
                           lambda w: (f"/committee/items/{w.item}/challenges/{w.challenge(w.item)}/decision", {}),
                           only("SEC", "D1")),
    "create meeting": ("POST", "/committee/meetings", fixed("/committee/meetings", body=NEW_MEETING),
                       only("SEC", status=201)),
    "meetings": ("GET", "/committee/meetings", fixed("/committee/meetings"), only("SEC", *SITTING, "M1")),
    "one meeting": ("GET", "/committee/meetings/{meeting_id}", on_meeting(), only("SEC", *SITTING)),
    "minutes": ("GET", "/committee/meetings/{meeting_id}/minutes", on_meeting("/minutes"), only("SEC", "D1")),
    "assign": ("PUT", "/committee/meetings/{meeting_id}/items/{item_id}",
               lambda w: (f"/committee/meetings/{w.meeting}/items/{w.fresh_item()}", {}), only("SEC")),
    "attendance": ("PUT", "/committee/meetings/{meeting_id}/attendance",
                   on_meeting("/attendance", body={"present": ["EMP-D1", "EMP-K1", *CIVILIANS]}), only("SEC")),
    "presiding": ("PUT", "/committee/meetings/{meeting_id}/presiding",
                  lambda w: (f"/committee/meetings/{w.other_meeting()}/presiding",
                             {"body": {"member_id": "EMP-K1", "reason": "위원장 출장"}}), only("SEC", "D1")),
    "open meeting": ("POST", "/committee/meetings/{meeting_id}/opening",
                     lambda w: (f"/committee/meetings/{w.other_meeting()}/opening", {}), only("D1")),
    "close meeting": ("POST", "/committee/meetings/{meeting_id}/closing",
                      lambda w: (f"/committee/meetings/{w.other_meeting(opened=True)}/closing", {}), only("D1")),
}


def test_the_matrix_covers_every_committee_route_of_the_template():
    assert {(method, path) for method, path, _, _ in MATRIX.values()} == authorized_routes("CommitteeApiFunction")


def test_every_route_checks_the_caller(api):
    got = matrix_statuses(MATRIX, CALLERS, World(api), api)
    assert got == {name: allowed for name, (_, _, _, allowed) in MATRIX.items()}
