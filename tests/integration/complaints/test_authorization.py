"""Who may call what: every complaints route of the template — the public and resident ones too — against every
kind of caller (issue #14 "Must hold"). A route in the template without a row here fails the test.

Every case reports E1 (FIN). A1 is the audit office (complaints.intake), A2 the world case's investigator, K1 the
audit head, AF an auditor who works in FIN (concerned: never handles a FIN case), FH the head of FIN, WH the head of
WEL (where petitions are rerouted). A mutating route gets a fresh object once an allowed caller has
used the last one up, so every caller meets it in the same state. The receipt routes are also called with another
case's receipt number and this case's secret."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.builders import authorized_routes, matrix_statuses
from tests.integration.complaints.conftest import RESIDENT, fresh_source

CALLERS: dict[str, Any] = {"nobody": None, "resident": RESIDENT, "A1": "A1", "K1": "K1", "AF": "AF",
                           "E1": "E1", "FH": "FH", "WH": "WH"}
OFFICE = ("A1", "K1")


def only(*allowed: str, status: int = 200) -> dict[str, int]:
    return {who: 401 if who == "nobody" else status if who in allowed else 403 for who in CALLERS}


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(CALLERS, status)


class World:
    def __init__(self, api: Any):
        self.api = api
        self.receipt, self.case = api.investigating()
        assert api("PUT", f"/complaints/cases/{self.case}/investigator", "A1",
                   {"employee_no": "A2", "department": "AUD"})[0] == 200
        self.others: list[dict] = []
        self.wrong = 0
        self.current: dict[str, str] = {}
        self.taken: str | None = None

    def fresh(self, kind: str) -> str:
        """A case in the state `kind` names, the same one until an allowed caller changed it."""
        if kind not in self.current:
            self.current[kind] = getattr(self, f"_{kind}")()
        self.taken = kind
        return self.current[kind]

    def other_receipt(self) -> dict:
        """Another case's receipt, tried with this case's secret: a fresh one before its lockout would answer 429."""
        if self.wrong % 4 == 0:
            self.others.append(self.api.report(anonymous=True))
        self.wrong += 1
        return self.others[-1]

    def used(self) -> None:
        if self.taken is not None:
            self.current.pop(self.taken, None)

    def _submitted(self) -> str:
        return self.api.case_of(self.api.report(anonymous=True))

    def _received(self) -> str:
        return self.api.received(anonymous=True)[1]

    def _investigating(self) -> str:
        return self.api.investigating(anonymous=True)[1]

    def _clocked(self) -> str:  # a resident's: its period runs
        return self.api.investigating()[1]

    def _rerouted(self) -> str:
        return self.api.rerouted(anonymous=True)[1]

    def _decided(self) -> str:
        case_id = self._investigating()
        assert self.api.decide(case_id)[0] == 200
        return case_id

    def _closed(self) -> str:
        case_id = self._decided()
        assert self.api("POST", f"/complaints/cases/{case_id}/closing", "A1")[0] == 200
        return case_id


Request = Callable[[World], tuple[str, dict[str, Any]]]


def fixed(path: str, **kwargs: Any) -> Request:
    return lambda _: (path, kwargs)


def on_case(suffix: str = "", **kwargs: Any) -> Request:
    return lambda w: (f"/complaints/cases/{w.case}{suffix}", kwargs)


def fresh(kind: str, suffix: str, **kwargs: Any) -> Request:
    return lambda w: (f"/complaints/cases/{w.fresh(kind)}{suffix}", kwargs)


def receipt(suffix: str = "", other: bool = False, **kwargs: Any) -> Request:
    def build(w: World) -> tuple[str, dict[str, Any]]:
        number = (w.other_receipt() if other else w.receipt)["receipt_no"]
        return (f"/complaints/receipts/{number}{suffix}",
                {"headers": {"x-receipt-secret": w.receipt["secret"]}, "source": fresh_source(), **kwargs})
    return build


REPORT = {"what": "매트릭스용 신고 내용입니다.", "harm": "손해", "department": "FIN", "official": "E1"}
REPORTER = {"name": "매트릭스", "email": "m@example.com"}
HANDLER = {"name": "담당자", "contact": "02-1234-5678"}
DECISION = {"findings": "검토 기록 없음", "result": "주의 조치", "handler": HANDLER,
            "measures": [{"employee_no": "E1", "department": "FIN", "measure": "caution"}]}

# name: (method, template path, request, {caller: status})
MATRIX: dict[str, tuple[str, str, Request, dict[str, int]]] = {
    "anonymous report": ("POST", "/complaints", lambda w: ("/complaints", {"body": REPORT, "source": fresh_source()}),
                         everyone(201)),
    "resident report": ("POST", "/complaints/resident",
                        fixed("/complaints/resident", body={**REPORT, "reporter": REPORTER}),
                        {**only(status=403), "resident": 201}),
    "my reports": ("GET", "/complaints/mine", fixed("/complaints/mine"), {**only(status=403), "resident": 200}),
    "receipt page": ("GET", "/complaints/receipts/{receipt_no}", receipt(), everyone(200)),
    "another case's receipt": ("GET", "/complaints/receipts/{receipt_no}", receipt(other=True), everyone(404)),
    "reporter's message": ("POST", "/complaints/receipts/{receipt_no}/messages",
                           receipt("/messages", body={"text": "추가 자료"}), everyone(200)),
    "message on another's receipt": ("POST", "/complaints/receipts/{receipt_no}/messages",
                                     receipt("/messages", other=True, body={"text": "추가 자료"}), everyone(404)),
    "cases": ("GET", "/complaints/cases", fixed("/complaints/cases"), only(*OFFICE, "AF", "FH", "WH")),
    "open case": ("POST", "/complaints/cases",
                  fixed("/complaints/cases", body={**REPORT, "channel": "audit"}), only(*OFFICE, "AF", status=201)),
    "one case": ("GET", "/complaints/cases/{case_id}", on_case(), only(*OFFICE)),
    "rerouted case": ("GET", "/complaints/cases/{case_id}", fresh("rerouted", ""), only(*OFFICE, "WH")),
    "acknowledge": ("POST", "/complaints/cases/{case_id}/acknowledgement",
                    fresh("submitted", "/acknowledgement", body={}), only(*OFFICE)),
    "classify": ("POST", "/complaints/cases/{case_id}/classification",
                 fresh("received", "/classification", body={"passive": True, "passive_type": "desk_bound",
                                                            "reason": "관행 답습", "harm": "권익 침해"}),
                 only(*OFFICE)),
    "assign": ("PUT", "/complaints/cases/{case_id}/investigator",
               fresh("investigating", "/investigator", body={"employee_no": "A2", "department": "AUD"}),
               only(*OFFICE)),
    "note": ("POST", "/complaints/cases/{case_id}/notes", on_case("/notes", body={"text": "메모"}),
             only(*OFFICE, status=201)),
    "message reporter": ("POST", "/complaints/cases/{case_id}/messages", on_case("/messages", body={"text": "안내"}),
                         only(*OFFICE, status=201)),
    "field investigation": ("POST", "/complaints/cases/{case_id}/field-investigation",
                            fresh("investigating", "/field-investigation",
                                  body={"action": "start", "reason": "현장 확인"}), only(*OFFICE)),
    "extend": ("POST", "/complaints/cases/{case_id}/extension",
               fresh("clocked", "/extension", body={"reason": "추가 조사"}), only(*OFFICE)),
    "decide": ("POST", "/complaints/cases/{case_id}/decision", fresh("investigating", "/decision", body=DECISION),
               only(*OFFICE)),
    "answer": ("POST", "/complaints/cases/{case_id}/answer",
               fresh("rerouted", "/answer", body={"text": "처리했습니다", "handler": HANDLER}), only("WH")),
    "close": ("POST", "/complaints/cases/{case_id}/closing", fresh("decided", "/closing"), only(*OFFICE)),
    "reopen": ("POST", "/complaints/cases/{case_id}/reopening",
               fresh("closed", "/reopening", body={"reason": "반복 신고"}), only(*OFFICE)),
    "reveal": ("POST", "/complaints/cases/{case_id}/reveal", on_case("/reveal", body={"reason": "면담 필요"}),
               only(*OFFICE)),
    "reveal log": ("GET", "/complaints/reveals", fixed("/complaints/reveals"), only("K1")),
    "statistics": ("GET", "/complaints/statistics", fixed("/complaints/statistics", query={"period": "2026"}),
                   only(*OFFICE, "AF")),
}


def test_the_matrix_covers_every_complaints_route_of_the_template():
    from devstack.stack import Stack

    every = {(r.method, r.path) for r in Stack("demo").routes()
             if r.function == "ComplaintsApiFunction" and not r.path.endswith("/docs")}
    assert authorized_routes("ComplaintsApiFunction") < every  # the public routes are rows too
    assert {(method, path) for method, path, _, _ in MATRIX.values()} == every


def test_every_route_checks_the_caller(api, monkeypatch):
    from complaints.rules import secrets

    monkeypatch.setattr(secrets, "SCRYPT_N", 2**8)  # who may call, not the hash's cost, is under test here
    world = World(api)

    def call(method: str, path: str, who: Any, **kwargs: Any) -> tuple[int, Any]:
        status, body = api(method, path, who, **kwargs)
        if status < 300:
            world.used()
        world.taken = None
        return status, body

    got = matrix_statuses(MATRIX, CALLERS, world, call)
    assert got == {name: allowed for name, (_, _, _, allowed) in MATRIX.items()}
