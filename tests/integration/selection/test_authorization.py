"""Who may call what: every selection route of the template (staff and resident routes) against every kind of caller
(issue #15, "the authorisation matrix over every route"). A route in the template without a row here fails the test.

Cycle A (2026-H2) is in its vote, its candidates E1, E3, E4, E4 nominated by the resident `r-owner`; B (2031-H1) takes
nominations; C1 (2027-H2) has its awardee E4 planned, C2 (2028-H2) requested of HR, C3 (2029-H2) granted. U1 is the
dedicated unit, H1 a head (FIN), HR1 HR, A1 the audit office, O1 staff with no part; `resident` is another resident
than `r-owner`. Each mutating route meets each caller in the same state (a caller refused changes nothing)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from tests.builders import authorized_routes, matrix_statuses
from tests.integration.selection.conftest import resident

CALLERS: dict[str, Any] = {"nobody": None, "resident": resident("r-other"), "r-owner": resident("r-nominator"),
                           "U1": "U1", "H1": "H1", "HR1": "HR1", "A1": "A1", "O1": "O1"}
STAFF = ("U1", "H1", "HR1", "A1", "O1")
RESIDENTS = ("resident", "r-owner")


def only(*allowed: str, status: int = 200) -> dict[str, int]:
    return {who: 401 if who == "nobody" else status if who in allowed else 403 for who in CALLERS}


class World:
    def __init__(self, api: Any):
        self.api = api
        self.years = itertools.count(2032)
        self.a = api.voting()
        self.owned = self._resident_nomination()
        self.b = api.cycle("H1", 2031)
        api.move(self.b, "NOMINATION")
        self.c1, self.c2, self.c3 = (api.awarded(2027), api.awarded(2028, requested=True),
                                     api.awarded(2029, granted=True))

    def _resident_nomination(self) -> str:
        """The id of r-owner's nomination of E4 in cycle A (made by `Api.voting`)."""
        from selection.storage.nominations import of_cycle

        return next(n.nomination_id for n in of_cycle(self.a) if n.nominator == "resident:r-nominator")

    def rejected(self) -> str:
        """A fresh cycle whose criteria the committee rejected."""
        cycle_id = self.api.cycle("H1", next(self.years), resolve=False)
        self.api.resolve(cycle_id, "criteria", outcome="rejected")
        return cycle_id

    def fresh_cycle(self) -> str:
        return self.api.cycle("H1", next(self.years))


Request = Callable[[World], tuple[str, dict[str, Any]]]
NOMINATION = {"employee_no": "E1", "nominee_name": "김하나", "criterion": "regulation", "case_title": "규제 개선 사례",
              "achievement": "불합리한 인허가 규제를 고쳐 처리 기간을 줄였습니다."}


DEPARTMENT_CASE = {"channel": "contest", "department": "WEL", "department_name": "복지과", "criterion": "service",
                   "case_title": "찾아가는 복지 상담", "achievement": "복지 사각지대 가구를 300곳 찾았습니다.",
                   "contest": {"name": "우수사례 경진대회", "rank": 1}}
OWN_CASE = {**DEPARTMENT_CASE, "channel": "department", "department": "FIN", "department_name": "재무과",
            "case_title": "세외수입 체납 정리", "contest": None}


def department_case(w: World) -> str:
    """A fresh department case in cycle B (nominating), entered by the unit."""
    from tests.integration.selection.test_departments import nominate

    status, case = nominate(w.api, w.b, "U1", case_title=f"사례 {next(w.years)}")
    assert status == 201, case
    return case["nomination_id"]


def awarded_case(w: World) -> tuple[str, str]:
    """2030-H2 with WEL's case awarded by the committee (made once)."""
    from tests.integration.selection.test_departments import awarded_department_case

    if not hasattr(w, "department_award"):
        w.department_award = awarded_department_case(w.api, 2030)
    return w.department_award


def seconded(w: World, *, notified: bool = False) -> str:
    """A cycle whose committee selected the seconded S1 (test_seconded), planned; `notified`: the home body told
    (each made once)."""
    from tests.integration.selection.test_seconded import seconded_awardee

    name = "seconded_notified" if notified else "seconded"
    if not hasattr(w, name):
        cycle_id = seconded_awardee(w.api, 2041 if notified else 2040)
        w.api.ok("PUT", f"/selection/cycles/{cycle_id}/awardees/S1/plan", "U1", {"incentives": ["special_step"]})
        if notified:
            w.api.ok("POST", f"/selection/cycles/{cycle_id}/awardees/S1/home-body-notice", "U1", NOTICE)
        setattr(w, name, cycle_id)
    return getattr(w, name)


NOTICE = {"document_no": "데모군-인사-1", "sent_on": "2026-11-30"}


def fixed(path: str, **kwargs: Any) -> Request:
    return lambda _: (path, kwargs)


def on(cycle: str, suffix: str = "", **kwargs: Any) -> Request:
    return lambda w: (f"/selection/cycles/{getattr(w, cycle)}{suffix}", kwargs)


def on_resident(cycle: str, suffix: str, **kwargs: Any) -> Request:
    return lambda w: (f"/selection/resident/cycles/{getattr(w, cycle)}{suffix}", kwargs)


# name: (method, template path, request, {caller: status})
MATRIX: dict[str, tuple[str, str, Request, dict[str, int]]] = {
    "cycles": ("GET", "/selection/cycles", fixed("/selection/cycles"), only(*STAFF)),
    "open cycle": ("POST", "/selection/cycles",
                   fixed("/selection/cycles", body={"year": 2030, "code": "H1", "reason": "조기 시행"}),
                   only("U1", status=201)),
    "one cycle": ("GET", "/selection/cycles/{cycle_id}", on("a"), only(*STAFF)),
    "move phase": ("POST", "/selection/cycles/{cycle_id}/phase",
                   lambda w: (f"/selection/cycles/{w.fresh_cycle()}/phase",
                              {"body": {"to": "NOMINATION", "reason": "위원회 의결"}}), only("U1")),
    "ask criteria again": ("POST", "/selection/cycles/{cycle_id}/criteria-request",
                           lambda w: (f"/selection/cycles/{w.rejected()}/criteria-request",
                                      {"body": {"reason": "기준 보완"}}), only("U1")),
    "nominate": ("POST", "/selection/cycles/{cycle_id}/nominations",
                 on("b", "/nominations", body={**NOMINATION, "channel": "department"}), only("H1", status=201)),
    "nominations": ("GET", "/selection/cycles/{cycle_id}/nominations", on("b", "/nominations"), only("U1")),
    "exclude": ("POST", "/selection/cycles/{cycle_id}/exclusions",
                on("b", "/exclusions", body={"employee_no": "E3", "kind": "manual", "reason": "사실관계 불일치"}),
                only("U1", status=201)),
    "candidates": ("GET", "/selection/cycles/{cycle_id}/candidates", on("a", "/candidates"), only(*STAFF)),
    "head ballot": ("POST", "/selection/cycles/{cycle_id}/ballots", on("a", "/ballots", body={"choices": ["E3"]}),
                    only("H1", status=201)),
    "tally": ("GET", "/selection/cycles/{cycle_id}/tally", on("c1", "/tally"), only("U1")),
    "audit": ("GET", "/selection/cycles/{cycle_id}/tally/audit", on("c1", "/tally/audit"), only("U1", "A1")),
    "statistics": ("GET", "/selection/cycles/{cycle_id}/statistics", on("c1", "/statistics"), only("U1", "A1")),
    "awardees": ("GET", "/selection/cycles/{cycle_id}/awardees", on("c1", "/awardees"), only("U1", "HR1")),
    "plan": ("PUT", "/selection/cycles/{cycle_id}/awardees/{employee_no}/plan",
             on("c1", "/awardees/E4/plan", body={"incentives": ["special_step"]}), only("U1")),
    "request incentives": ("POST", "/selection/cycles/{cycle_id}/incentive-request", on("c1", "/incentive-request"),
                           only("U1")),
    "grant": ("POST", "/selection/cycles/{cycle_id}/awardees/{employee_no}/plan/grant",
              on("c2", "/awardees/E4/plan/grant", body={"reference": "발령 2"}), only("HR1")),
    "confirm": ("POST", "/selection/cycles/{cycle_id}/awardees/{employee_no}/plan/confirmation",
                on("c3", "/awardees/E4/plan/confirmation"), only("U1")),
    "department case (contest)": ("POST", "/selection/cycles/{cycle_id}/department-nominations",
                                  on("b", "/department-nominations", body=DEPARTMENT_CASE), only("U1", status=201)),
    "department case (own)": ("POST", "/selection/cycles/{cycle_id}/department-nominations",
                              on("b", "/department-nominations", body=OWN_CASE), only("H1", status=201)),
    "department case (other)": ("POST", "/selection/cycles/{cycle_id}/department-nominations",
                                on("b", "/department-nominations", body={**OWN_CASE, "department": "WEL"}),
                                only(status=201)),
    "department cases": ("GET", "/selection/cycles/{cycle_id}/department-nominations",
                         on("b", "/department-nominations"), only("U1")),
    "exclude department case": ("POST",
                                "/selection/cycles/{cycle_id}/department-nominations/{nomination_id}/exclusion",
                                lambda w: (f"/selection/cycles/{w.b}/department-nominations/"
                                           f"{department_case(w)}/exclusion", {"body": {"reason": "사실과 다름"}}),
                                only("U1")),
    "department prize": ("POST", "/selection/cycles/{cycle_id}/department-nominations/{nomination_id}/prize",
                         lambda w: ("/selection/cycles/{}/department-nominations/{}/prize".format(*awarded_case(w)),
                                    {"body": {"step": "requested"}}), only("U1")),
    "contest export": ("GET", "/selection/cycles/{cycle_id}/contest-export", on("c1", "/contest-export"),
                       only("U1")),
    "home-body notice": ("POST", "/selection/cycles/{cycle_id}/awardees/{employee_no}/home-body-notice",
                         lambda w: (f"/selection/cycles/{seconded(w)}/awardees/S1/home-body-notice", {"body": NOTICE}),
                         only("U1")),
    "home-body answer": ("POST", "/selection/cycles/{cycle_id}/awardees/{employee_no}/home-body-notice/answer",
                         lambda w: (f"/selection/cycles/{seconded(w, notified=True)}/awardees/S1/home-body-notice/"
                                    "answer", {"body": {"reference": "회신 1", "answered_on": "2026-11-30"}}),
                         only("U1")),
    "resident nominate": ("POST", "/selection/resident/cycles/{cycle_id}/nominations",
                          on_resident("b", "/nominations", body=NOMINATION), only(*RESIDENTS, status=201)),
    "own nomination": ("GET", "/selection/resident/nominations/{nomination_id}",
                       lambda w: (f"/selection/resident/nominations/{w.owned}", {}), only("r-owner")),
    "resident candidates": ("GET", "/selection/resident/cycles/{cycle_id}/candidates",
                            on_resident("a", "/candidates"), only(*RESIDENTS)),
    "resident ballot": ("POST", "/selection/resident/cycles/{cycle_id}/ballots",
                        on_resident("a", "/ballots", body={"choices": ["E1"]}), only(*RESIDENTS, status=201)),
}


def test_the_matrix_covers_every_selection_route_of_the_template():
    assert {(method, path) for method, path, _, _ in MATRIX.values()} == authorized_routes("SelectionApiFunction")


def test_every_route_checks_the_caller(api):
    got = matrix_statuses(MATRIX, CALLERS, World(api), api)
    assert got == {name: allowed for name, (_, _, _, allowed) in MATRIX.items()}
