"""Who may call what: every consulting route of the template against every kind of caller (issue #13: per role and
per object — a department sees its own, the audit office all, the AA officer the opinion requests). A route in the
template without a row here fails the test.

R1 (FIN) filed the cases, R2 is their colleague, W1 staff of another department; A1 an auditor, H1 the audit head,
O1 the AA officer, P1 the protection officer. A mutating route gets a fresh case in the state it needs each call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from common.clock import today
from tests.builders import authorized_routes, matrix_statuses, resident_claims
from tests.integration.consulting.conftest import (
    EXEMPTIONS,
    PRE,
    REQUESTS,
    exemption,
    file_exemption,
    opinion_request,
    pre_consulting,
)

CALLERS: dict[str, Any] = {"nobody": None, "resident": resident_claims(), "R1": "R1", "R2": "R2", "W1": "W1",
                           "A1": "A1", "H1": "H1", "O1": "O1", "P1": "P1", "U1": "U1"}


def only(*allowed: str, status: int = 200) -> dict[str, int]:
    return {who: 401 if who == "nobody" else status if who in allowed else 403 for who in CALLERS}


class World:
    def __init__(self, api: Any):
        self.api = api
        self.case = api.filed()["case_id"]
        self.request = api.requested()["case_id"]
        status, made = api("POST", "/consulting/ratifications", "R1", RATIFICATION)
        assert status == 201, made
        self.ratification = made["case_id"]
        self.exemption = file_exemption(api)["case"]["case_id"]
        self.opinion = api.move(self.accepted(), "opinion", "A1", {"opinion": "가능"})["opinion_id"]
        status, made = api("POST", LITIGATION, "R1", SUPPORT)
        assert status == 201, made
        self.litigation = made["case"]["case_id"]
        status, made = api("POST", "/consulting/indemnity-decisions", "U1", INDEMNITY)
        assert status == 201, made
        self.indemnity = made["decision_id"]

    def pre(self, *steps: tuple[str, str, Any]) -> str:
        """A fresh pre-consulting moved through `steps` (path, who, body)."""
        case_id = self.api.filed()["case_id"]
        for step, who, body in steps:
            self.api.move(case_id, step, who, body)
        return case_id

    def accepted(self) -> str:
        return self.pre(("acceptance", "A1", None))


RATIFICATION = {"title": "태풍 피해 도로 응급 복구", "matter_code": "ROAD-REPAIR",
                "work_done": "사전 의견 없이 긴급 복구",
                "requirements": {"disaster_or_safety": "태풍", "no_time_to_ask": "야간", "due_care": "안전진단"}}
Request = Callable[[World], tuple[str, dict[str, Any]]]


def fixed(path: str, **kwargs: Any) -> Request:
    return lambda _: (path, kwargs)


class Fresh:
    """A case prepared by `prepare`, used again by the next caller until a call changed it (an allowed caller used
    it up): then another one. Refused callers leave it as it was, so nine callers cost one or two cases, not nine."""

    def __init__(self, prepare: Callable[[World], str]):
        self.prepare = prepare
        self.current: tuple[str, int] | None = None

    def __call__(self, world: World) -> str:
        from consulting.storage.cases import get

        found = get(self.current[0]) if self.current else None  # none: a case of another test's stack
        if found is None or found.version != self.current[1]:
            case_id = self.prepare(world)
            self.current = (case_id, get(case_id).version)
        return self.current[0]


def step(path_suffix: str, prepare: Callable[[World], str], body: Any = None) -> Request:
    fresh = Fresh(prepare)
    return lambda w: (f"{PRE}/{fresh(w)}/{path_suffix}", {"body": body} if body is not None else {})


SUPPLEMENTED = ("supplement-request", "A1", {"reason": "자료 보완"})
ESCALATED = ("escalation", "H1", {"grounds": ["serious"]})
ANSWERED = ("province-answer", "A1", {"answer": "가능", "answered_on": "2026-11-30"})
ISSUED = ("opinion", "A1", {"opinion": "가능"})
AUDIT = ("A1", "H1")  # consulting.screening (audit) and consulting.escalation (audit head, an auditor too)

LITIGATION = "/consulting/litigation"
SUPPORT = {"kind": "civil_suit", "case_summary": "도로 점용 허가 관련 손해배상 청구", "requested_won": 3_000_000}
RETIREE = {**SUPPORT, "kind": "criminal_investigation", "retired": True, "applicant_employee_no": "X9",
           "applicant_department": "FIN"}
INDEMNITY = {"employee_no": "R1", "department": "FIN", "damage_summary": "허가 연장으로 인한 손해배상",
             "from_active_administration": True, "weighing": "적극행정: 구상 면제", "decision": "waive"}
SCREENED = Fresh(lambda w: w.api.requested()["case_id"])
UNDECIDED = Fresh(lambda w: file_exemption(w.api)["case"]["case_id"])
UNASKED = Fresh(lambda w: file_exemption(w.api)["case"]["case_id"])
ALL_STAFF = ("R1", "R2", "W1", "A1", "H1", "O1", "P1", "U1")

# name: (method, template path, request, {caller: status})
MATRIX: dict[str, tuple[str, str, Request, dict[str, int]]] = {
    "file": ("POST", PRE, fixed(PRE, body=pre_consulting(documents=[])), only(*ALL_STAFF, status=201)),
    "list": ("GET", PRE, fixed(PRE), only(*ALL_STAFF)),
    "read": ("GET", f"{PRE}/{{consulting_id}}", lambda w: (f"{PRE}/{w.case}", {}), only("R1", "R2", *AUDIT)),
    "supplement": ("POST", f"{PRE}/{{consulting_id}}/supplement-request",
                   step("supplement-request", lambda w: w.pre(), {"reason": "보완"}), only(*AUDIT)),
    "resubmit": ("POST", f"{PRE}/{{consulting_id}}/resubmission",
                 step("resubmission", lambda w: w.pre(SUPPLEMENTED), {"note": "보완함"}), only("R1", "R2")),
    "refuse": ("POST", f"{PRE}/{{consulting_id}}/refusal",
               step("refusal", lambda w: w.pre(), {"reason_code": "law_clear"}), only(*AUDIT)),
    "accept": ("POST", f"{PRE}/{{consulting_id}}/acceptance", step("acceptance", lambda w: w.pre()), only(*AUDIT)),
    "visit": ("POST", f"{PRE}/{{consulting_id}}/visits",
              step("visits", World.accepted, {"kind": "hearing", "held_on": today().isoformat(), "summary": "청문"}),
              only(*AUDIT)),
    "advice": ("POST", f"{PRE}/{{consulting_id}}/advice-request",
               step("advice-request", World.accepted, {"question": "자문"}), only("H1")),
    "escalate": ("POST", f"{PRE}/{{consulting_id}}/escalation",
                 step("escalation", World.accepted, {"grounds": ["multi_body"]}), only("H1")),
    "province answer": ("POST", f"{PRE}/{{consulting_id}}/province-answer",
                        step("province-answer", lambda w: w.pre(("acceptance", "A1", None), ESCALATED),
                             {"answer": "가능", "answered_on": today().isoformat()}), only(*AUDIT)),
    "opinion": ("POST", f"{PRE}/{{consulting_id}}/opinion", step("opinion", World.accepted, {"opinion": "가능"}),
                only(*AUDIT)),
    "action report": ("POST", f"{PRE}/{{consulting_id}}/action-report",
                      step("action-report", lambda w: w.pre(("acceptance", "A1", None), ISSUED), {"action": "처리"}),
                      only("R1", "R2")),
    "file request": ("POST", REQUESTS, fixed(REQUESTS, body=opinion_request()), only(*ALL_STAFF, status=201)),
    "list requests": ("GET", REQUESTS, fixed(REQUESTS), only(*ALL_STAFF)),
    "read request": ("GET", f"{REQUESTS}/{{request_id}}", lambda w: (f"{REQUESTS}/{w.request}", {}),
                     only("R1", "R2", "O1", *AUDIT)),
    "screen request": ("POST", f"{REQUESTS}/{{request_id}}/screening",
                       lambda w: (f"{REQUESTS}/{SCREENED(w)}/screening", {"body": {
                           "decision": "refuse", "importance": "낮음", "urgency": "낮음",
                           "reason_code": "law_clear"}}), only("O1")),
    "report request action": ("POST", f"{REQUESTS}/{{request_id}}/action-report",
                              lambda w: (f"{REQUESTS}/{w.request}/action-report", {"body": {"action": "처리"}}),
                              # the department may; the request has no opinion yet, so it is refused as a move
                              {**only(), "R1": 409, "R2": 409}),
    "file ratification": ("POST", "/consulting/ratifications", fixed("/consulting/ratifications", body=RATIFICATION),
                          only(*ALL_STAFF, status=201)),
    "list ratifications": ("GET", "/consulting/ratifications", fixed("/consulting/ratifications"), only(*ALL_STAFF)),
    "read ratification": ("GET", "/consulting/ratifications/{ratification_id}",
                          lambda w: (f"/consulting/ratifications/{w.ratification}", {}),
                          only("R1", "R2", "A1", "H1", "O1")),
    "opinions by matter": ("GET", "/consulting/opinions", fixed("/consulting/opinions", query={"matter": "X"}),
                           only(*AUDIT)),
    "opinion finding": ("POST", "/consulting/opinions/{opinion_id}/finding",
                        lambda w: (f"/consulting/opinions/{w.opinion}/finding", {"body": {
                            "information_complete": False, "private_interest": False, "reason": "자료 누락"}}),
                        only(*AUDIT)),
    "file exemption": ("POST", EXEMPTIONS, fixed(EXEMPTIONS, body=exemption()), only(*ALL_STAFF, status=201)),
    "list exemptions": ("GET", EXEMPTIONS, fixed(EXEMPTIONS), only(*ALL_STAFF)),
    # an official's own file: not their department's colleagues; the deciding office, the auditors, the protection
    # officer
    "read exemption": ("GET", f"{EXEMPTIONS}/{{exemption_id}}", lambda w: (f"{EXEMPTIONS}/{w.exemption}", {}),
                       only("R1", *AUDIT, "P1")),
    "decide exemption": ("POST", f"{EXEMPTIONS}/{{exemption_id}}/decision",
                         lambda w: (f"{EXEMPTIONS}/{UNDECIDED(w)}/decision",
                                    {"body": {"decision": "EXEMPT", "reasons": "요건 충족"}}), only("H1")),
    "ask recommendation": ("POST", f"{EXEMPTIONS}/{{exemption_id}}/recommendation-request",
                           lambda w: (f"{EXEMPTIONS}/{UNASKED(w)}/recommendation-request", {}), only("R1", "H1")),
    "counsel": ("POST", f"{EXEMPTIONS}/{{exemption_id}}/counselling",
                lambda w: (f"{EXEMPTIONS}/{w.exemption}/counselling", {"body": {
                    "kind": "counselling", "held_on": today().isoformat(), "note": "상담"}}), only("P1", status=201)),
    "counselling log": ("GET", f"{EXEMPTIONS}/{{exemption_id}}/counselling",
                        lambda w: (f"{EXEMPTIONS}/{w.exemption}/counselling", {}), only("R1", "P1")),
    "quarter report": ("GET", "/consulting/exemption-reports/{quarter}",
                       fixed("/consulting/exemption-reports/2026Q4"), only(*AUDIT)),
    "evidence upload": ("POST", "/consulting/evidence-uploads",
                        fixed("/consulting/evidence-uploads", body={"file_name": "a.pdf"}),
                        only(*ALL_STAFF, status=201)),
    "submit quarter report": ("POST", "/consulting/exemption-reports/{quarter}/submission",
                              fixed("/consulting/exemption-reports/2026Q1/submission"), only("H1")),
    "file litigation": ("POST", LITIGATION, fixed(LITIGATION, body=SUPPORT), only(*ALL_STAFF, status=201)),
    "file for a retiree": ("POST", LITIGATION, fixed(LITIGATION, body=RETIREE), only("U1", status=201)),
    "list litigation": ("GET", LITIGATION, fixed(LITIGATION), only(*ALL_STAFF)),
    "read litigation": ("GET", f"{LITIGATION}/{{litigation_id}}", lambda w: (f"{LITIGATION}/{w.litigation}", {}),
                        only("R1", "P1", "U1", *AUDIT)),
    # the office may; the application is not approved yet, so the move itself is refused
    "verdict": ("POST", f"{LITIGATION}/{{litigation_id}}/verdict", lambda w: (f"{LITIGATION}/{w.litigation}/verdict", {
        "body": {"final_acquittal": True, "decided_on": "2026-11-30", "court_case": "2026고단1"}}),
                {**only(), "U1": 409}),
    "investigator opinion": ("POST", f"{LITIGATION}/{{litigation_id}}/investigator-opinion",
                             lambda w: (f"{LITIGATION}/{w.litigation}/investigator-opinion", {"body": {
                                 "sent_on": "2026-11-30", "addressee": "데모경찰서", "summary": "적극행정 사안"}}),
                             only("U1")),
    "decide indemnity": ("POST", "/consulting/indemnity-decisions",
                         fixed("/consulting/indemnity-decisions", body=INDEMNITY), only("U1", status=201)),
    # the official it is about, the office, the protection officer, the audit office
    "read indemnity": ("GET", "/consulting/indemnity-decisions/{decision_id}",
                       lambda w: (f"/consulting/indemnity-decisions/{w.indemnity}", {}),
                       only("R1", "U1", "P1", *AUDIT)),
    "payment": ("POST", f"{LITIGATION}/{{litigation_id}}/payments", lambda w: (f"{LITIGATION}/{w.litigation}/payments",
                {"body": {"won": 1000, "paid_on": "2026-11-30"}}), {**only(), "U1": 409}),
}


def test_the_matrix_covers_every_consulting_route_of_the_template():
    assert {(method, path) for method, path, _, _ in MATRIX.values()} == authorized_routes("ConsultingApiFunction")


def test_every_route_checks_the_caller_and_the_object(api):
    got = matrix_statuses(MATRIX, CALLERS, World(api), api)
    assert got == {name: allowed for name, (_, _, _, allowed) in MATRIX.items()}
