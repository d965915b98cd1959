"""Who may call what: every mileage route of the template against every kind of caller, on objects of E1 (FIN),
under two county mappings of the offices (issue #10 §1): Jung-gu's, where the audit office approves
(`mileage.approver: audit`), and Goseong's, where the dedicated unit does (`mileage.approver: aa_unit`).

E1 earns in FIN, E2 is E1's colleague, H1 heads FIN, H2 heads TAX, A1 is the audit office, U1 the dedicated unit,
P1 the evaluation panel, R1 HR. In the matrix, APPROVER stands for whichever of A1 and U1 the county maps; the other
is just staff there. A mutating route gets a fresh object whenever an allowed caller has used the last one up, so
every caller meets the object in the same state. A route in the template without a row here fails the test.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from common.clock import today
from mileage.storage.grants import get_grant
from mileage.storage.proposals import get_proposal
from mileage.storage.redemptions import get_redemption
from tests.builders import authorized_routes, demo_county_with, matrix_statuses, resident_claims
from tests.integration.mileage.test_proposals import EVIDENCE, consulting, feed

CALLERS: dict[str, Any] = {"nobody": None, "resident": resident_claims(), "E1": "E1", "E2": "E2", "H1": "H1",
                           "H2": "H2", "A1": "A1", "U1": "U1", "P1": "P1", "R1": "R1"}
APPROVER = "APPROVER"
STAFF = ("E1", "E2", "H1", "H2", "A1", "U1", "P1", "R1", APPROVER)
MAPPINGS = {"jung-gu": ("audit", "A1"), "goseong": ("aa_unit", "U1")}
TODAY = today().isoformat()


def only(*allowed: str, status: int = 200, others: int = 403) -> dict[str, int]:
    """`allowed` get `status`, a resident and every other staff member `others`, a caller without a token 401
    (APPROVER: the holder of the mapped office; A1 and U1 otherwise get what other staff get)."""
    return {who: 401 if who == "nobody" else status if who in allowed else
            403 if who == "resident" else others for who in (*CALLERS, APPROVER)}


class World:
    """E1's objects, each made again once a successful call has changed it."""

    def __init__(self, api: Any):
        self.api = api
        self.numbers = itertools.count()
        self._grants: dict[str, str] = {}
        self._proposal: str | None = None
        api.credited(10)  # a balance for E1, above the county's minimum
        self.redemption = api("POST", "/mileage/redemptions", "E1", {"reward_code": "BOOK"},
                              headers={"Idempotency-Key": "world"})[1]["redemption_id"]

    def grant(self, status: str) -> str:
        current = self._grants.get(status)
        if current is None or get_grant(current).status != status:
            grant_id = self.api.granted(points=1, act_title=f"행위 {next(self.numbers)}")["grant_id"]
            if status == "APPROVED":
                assert self.api.approve(grant_id)[0] == 200
            self._grants[status] = current = grant_id
        return current

    def proposal(self) -> str:
        if self._proposal is None or get_proposal(self._proposal).status != "DRAFT":
            feed(consulting("E1", f"C-{next(self.numbers)}"))
            drafts = self.api("GET", "/mileage/proposals", "H1")[1]["items"]
            self._proposal = drafts[0]["proposal_id"]
        return self._proposal

    def deputy(self) -> None:
        assert self.api("PUT", "/mileage/departments/FIN/deputy", "H1",
                        {"employee_no": "E2", "start": TODAY, "end": TODAY})[0] == 200


Request = Callable[[World], tuple[str, dict[str, Any]]]  # → (path, {body, query, headers})


def fixed(path: str, **kwargs: Any) -> Request:
    return lambda _: (path, kwargs)


def grant_action(action: str, status: str, **body: Any) -> Request:
    return lambda w: (f"/mileage/grants/{w.grant(status)}/{action}", {"body": body or None})


def proposal_action(action: str, **body: Any) -> Request:
    return lambda w: (f"/mileage/proposals/{w.proposal()}/{action}", {"body": body})


def hr_action(action: str, **body: Any) -> Request:
    """On a cash redemption of E1 awaiting HR (a fresh one once an allowed caller has decided the last)."""
    def request(w: World) -> tuple[str, dict[str, Any]]:
        current = getattr(w, "awaiting_hr", None)
        if current is None or get_redemption(current).status != "AWAITING_HR":
            w.awaiting_hr = current = w.api("POST", "/mileage/redemptions", "E1", {"reward_code": "CASH_10K"},
                                            headers={"Idempotency-Key": f"hr-{next(w.numbers)}"})[1]["redemption_id"]
        return f"/mileage/redemptions/{current}/{action}", {"body": body}

    return request


def with_deputy(path: str) -> Request:
    def request(w: World) -> tuple[str, dict[str, Any]]:
        w.deputy()
        return path, {}

    return request


def new_act(w: World) -> tuple[str, dict[str, Any]]:
    return "/mileage/grants", {"body": {"item_code": "PROCESS", "points": 1, "act_title": f"행위 {next(w.numbers)}",
                                        "act_date": TODAY, "recipients": [{"employee_no": "E1"}]}}


# name: (method, template path, request, {caller: status})
MATRIX: dict[str, tuple[str, str, Request, dict[str, int]]] = {
    "items": ("GET", "/mileage/items", fixed("/mileage/items"), only(*STAFF)),
    "rewards": ("GET", "/mileage/rewards", fixed("/mileage/rewards"), only(*STAFF)),
    "evidence": ("POST", "/mileage/evidence-uploads",
                 fixed("/mileage/evidence-uploads", body={"file_name": "현장사진.jpg"}), only("H1", "H2", status=201)),
    "grant": ("POST", "/mileage/grants", new_act, only("H1", status=201)),
    "grants of FIN": ("GET", "/mileage/grants", fixed("/mileage/grants", query={"department": "FIN"}),
                      only("H1", APPROVER, "P1")),
    "one grant": ("GET", "/mileage/grants/{grant_id}",
                  lambda w: (f"/mileage/grants/{w.grant('SUBMITTED')}", {}), only("E1", "H1", APPROVER, "P1")),
    "approve": ("POST", "/mileage/grants/{grant_id}/approve", grant_action("approve", "SUBMITTED"), only(APPROVER)),
    "reject": ("POST", "/mileage/grants/{grant_id}/reject", grant_action("reject", "SUBMITTED", reason="증빙 부족"),
               only(APPROVER)),
    "reverse": ("POST", "/mileage/grants/{grant_id}/reverse",
                grant_action("reverse", "APPROVED", reason="평가단 정정"), only(APPROVER, "P1")),
    "bulk": ("POST", "/mileage/approvals",
             lambda w: ("/mileage/approvals", {"body": {"grant_ids": [w.grant("SUBMITTED")], "decision": "approve"}}),
             only(APPROVER)),
    "account": ("GET", "/mileage/accounts/{employee_no}", fixed("/mileage/accounts/E1"),
                only("E1", "H1", APPROVER, "P1")),
    "ledger": ("GET", "/mileage/accounts/{employee_no}/ledger", fixed("/mileage/accounts/E1/ledger"),
               only("E1", "H1", APPROVER, "P1")),
    "department accounts": ("GET", "/mileage/departments/{department}/accounts",
                            fixed("/mileage/departments/FIN/accounts"), only("H1", APPROVER, "P1")),
    "designate deputy": ("PUT", "/mileage/departments/{department}/deputy",
                         fixed("/mileage/departments/FIN/deputy", body={"employee_no": "E2", "start": TODAY,
                                                                        "end": TODAY}), only("H1")),
    "read deputy": ("GET", "/mileage/departments/{department}/deputy", with_deputy("/mileage/departments/FIN/deputy"),
                    only("H1", APPROVER)),
    "remove deputy": ("DELETE", "/mileage/departments/{department}/deputy",
                      with_deputy("/mileage/departments/FIN/deputy"), only("H1", status=204)),
    # redeeming is one's own: anyone on the staff may ask; only E1 has the balance (the others are refused by rule)
    "redeem": ("POST", "/mileage/redemptions",
               lambda w: ("/mileage/redemptions", {"body": {"reward_code": "COFFEE"},
                                                   "headers": {"Idempotency-Key": f"k-{next(w.numbers)}"}}),
               only("E1", status=201, others=422)),
    "redemptions of E1": ("GET", "/mileage/redemptions", fixed("/mileage/redemptions", query={"employee_no": "E1"}),
                          only("E1", APPROVER, "P1", "R1")),
    "leave to execute": ("GET", "/mileage/redemptions", fixed("/mileage/redemptions", query={"kind": "leave"}),
                         only(APPROVER, "R1")),
    "one redemption": ("GET", "/mileage/redemptions/{redemption_id}",
                       lambda w: (f"/mileage/redemptions/{w.redemption}", {}), only("E1", APPROVER, "P1", "R1")),
    "confirm redemption": ("POST", "/mileage/redemptions/{redemption_id}/confirm",
                           hr_action("confirm", reference="인사-1", executed_on=TODAY), only("R1")),
    "refuse redemption": ("POST", "/mileage/redemptions/{redemption_id}/refuse",
                          hr_action("refuse", reason="지급 대상 아님"), only("R1")),
    # deductions are the audit office's in both mappings (mileage.deductions: audit)
    "deduction drafts": ("GET", "/mileage/proposals", fixed("/mileage/proposals", query={"queue": "deductions"}),
                         only("A1")),
    "proposals of FIN": ("GET", "/mileage/proposals", fixed("/mileage/proposals", query={"department": "FIN"}),
                         only("H1", APPROVER)),
    "confirm proposal": ("POST", "/mileage/proposals/{proposal_id}/confirm",
                         proposal_action("confirm", points=2, evidence_links=EVIDENCE), only("H1")),
    "dismiss proposal": ("POST", "/mileage/proposals/{proposal_id}/dismiss",
                         proposal_action("dismiss", reason="이미 직접 부여함"), only("H1")),
    "review": ("GET", "/mileage/reviews/departments",
               fixed("/mileage/reviews/departments", query={"period": str(today().year)}), only(APPROVER, "P1")),
}


def test_the_matrix_covers_every_mileage_route_of_the_template():
    assert {(method, path) for method, path, _, _ in MATRIX.values()} == authorized_routes("MileageApiFunction")


@pytest.fixture(params=MAPPINGS, ids=list(MAPPINGS))
def approver(request, api, tmp_path, monkeypatch) -> Iterator[str]:
    """The county mapping of `mileage.approver` under test, and who holds that office."""
    office, person = MAPPINGS[request.param]
    with demo_county_with(tmp_path, monkeypatch, "    mileage.approver: audit", f"    mileage.approver: {office}"):
        monkeypatch.setattr(api, "approver", person)
        yield person


def test_every_route_checks_the_caller(api, deputies_allowed, approver):
    got = matrix_statuses(MATRIX, CALLERS, World(api), api)
    # the office's holder gets what the approver gets, or what they get in their own right if that is more
    assert got == {name: {who: min(allowed[who], allowed[APPROVER]) if who == approver else allowed[who]
                          for who in CALLERS} for name, (_, _, _, allowed) in MATRIX.items()}
