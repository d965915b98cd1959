"""Excellent-case and excellent-department awards (우수사례·우수부서, issue #15, seed 002): a department as the
nominee in the officials' cycle — cases from a contest (the unit, any department) or a head (their own department,
as the directory has it), the unit's review with exclusions until VOTING, the committee's own selection item at
COMMITTEE, one `ExcellentDepartmentSelected` per awarded case, the prize requested then paid once, the results, the
ceremony file and the statistics; the close waits for the prizes."""

from __future__ import annotations

import csv
import io
from typing import Any

from contracts.committee import CommitteeItemRequested
from contracts.selection import ExcellentDepartmentSelected
from tests.builders import call_api, outbox
from tests.integration.selection.conftest import claims, resident

CASE = {"criterion": "service", "case_title": "찾아가는 복지 상담",
        "achievement": "복지 사각지대 가구를 300곳 찾았습니다.", "evidence": ["docs/welfare.pdf"]}


def nominate(api: Any, cycle_id: str, who: str | dict, *, key: str | None = None, **fields: Any) -> tuple[int, Any]:
    body = {"channel": "contest", "department": "WEL", "department_name": "복지과", **CASE,
            "contest": {"name": "상반기 우수사례 경진대회", "rank": 1}, **fields}
    return call_api("selection", "POST", f"/selection/cycles/{cycle_id}/department-nominations",
                    claims=claims(who) if not isinstance(who, dict) else who, body=body,
                    headers={"idempotency-key": key} if key else None)


def events(kind: type) -> list[Any]:
    """The selection's events of this model (read with it: CommitteeItemRequested is the committee's model)."""
    return [kind.of(e) for e in outbox("selection") if e.detail_type == kind.detail_type()]


def department_year(api: Any) -> dict[str, str]:
    """2026-H2 through the committee: WEL's contest case (E3 named) and FIN's head case go to the committee, CON's
    contest case was excluded at review; officials E1, E4 stand, E4 voted for. Returns the case ids."""
    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    status, wel = nominate(api, cycle_id, "U1", staff=["E3"], department_name="=복지과")
    assert status == 201, wel
    status, fin = nominate(api, cycle_id, "H1", channel="department", department="FIN", department_name="재무과",
                           case_title="세외수입 체납 정리", contest=None)
    assert status == 201, fin
    status, con = nominate(api, cycle_id, "U1", department="CON", department_name="건설과", case_title="공사 기간 단축")
    assert status == 201, con
    assert api.nominate(cycle_id, "E1")[0] == 201
    assert api.nominate(cycle_id, "E4", resident("r-dept"))[0] == 201
    api.move(cycle_id, "REVIEW")
    api.ok("POST", f"/selection/cycles/{cycle_id}/department-nominations/{con['nomination_id']}/exclusion", "U1",
           {"reason": "경진대회 결과와 사실관계 불일치"})
    api.move(cycle_id, "VOTING")
    assert api.ballot(cycle_id, "H1", ["E4"])[0] == 201
    api.move(cycle_id, "COMMITTEE")
    return {"cycle": cycle_id, "wel": wel["nomination_id"], "fin": fin["nomination_id"], "con": con["nomination_id"]}


def test_department_cases_through_review_committee_awards_prizes_and_close(api):
    ids = department_year(api)
    cycle_id, wel, fin, con = ids["cycle"], ids["wel"], ids["fin"], ids["con"]
    base = f"/selection/cycles/{cycle_id}/department-nominations"

    # the review list: the exclusion with its reason, final since VOTING; no exclusion after that
    listed = api.ok("GET", base, "U1")
    assert listed["final"] is True
    assert {n["nomination_id"]: (n["excluded"] or {}).get("reason") for n in listed["nominations"]} == {
        wel: None, fin: None, con: "경진대회 결과와 사실관계 불일치"}
    assert api("POST", f"{base}/{wel}/exclusion", "U1", {"reason": "늦은 제외"})[1]["code"] == "WRONG_PHASE"

    # the committee gets the standing cases as their own selection item, beside the officials' shortlist
    asked = {e.origin_case_id: e for e in events(CommitteeItemRequested)}
    item = asked[f"{cycle_id}:departments"]
    assert sorted(item.candidates) == sorted([wel, fin]) and con not in item.candidates
    assert item.options == ["dept_grand", "dept_excellent", "dept_merit", "not_selected"]
    assert [p.employee_no for p in item.parties] == ["E3"]
    assert f"{cycle_id}:selection" in asked

    # its decision: WEL 최우수 (₩1,000,000), FIN not selected; the excluded case given a tier is no award
    decision = {wel: "dept_grand", fin: "not_selected", con: "dept_merit"}
    for _ in range(2):  # delivered twice: recorded once
        api.resolve(cycle_id, "departments", outcome="resolved", selections=decision)
    selected = events(ExcellentDepartmentSelected)
    assert [(e.award_id, e.department, e.tier, e.prize_won) for e in selected] == [
        (f"{cycle_id}:{wel}", "WEL", "dept_grand", 1_000_000)]
    api.resolve(cycle_id, "selection", outcome="resolved", selections={"E4": "grand", "E1": "not_selected"})

    # the public results and the ceremony file name the department, its case and tier; no staff number
    status, results = call_api("selection", "GET", f"/selection/results/{cycle_id}")
    assert status == 200 and results["departments"] == [
        {"department": "WEL", "department_name": "=복지과", "tier": "dept_grand", "tier_name": "최우수",
         "case_title": CASE["case_title"]}]
    assert "E3" not in str(results)
    rows = list(csv.reader(io.StringIO(api.file(f"/selection/cycles/{cycle_id}/awardees", "U1", {"format": "csv"})
                                       .decode("utf-8").removeprefix("\ufeff"))))
    assert rows[-1][:11] == [cycle_id, "", "'=복지과", "WEL", "최우수", CASE["case_title"], "", "", "1000000", "",
                        "AWARDED"]

    # the prize: requested then paid with a reference, each step once; out of order refused
    prize = f"{base}/{wel}/prize"
    assert api("POST", prize, "U1", {"step": "paid", "reference": "지출 1"})[1]["code"] == "PRIZE_STATUS"
    assert api("POST", f"{base}/{fin}/prize", "U1", {"step": "requested"})[1]["code"] == "NOT_AWARDED"
    for _ in range(2):
        assert api.ok("POST", prize, "U1", {"step": "requested"})["prize_status"] == "REQUESTED"
    assert api("POST", prize, "U1", {"step": "paid"})[1]["code"] == "REFERENCE_REQUIRED"

    # the officials' incentives done, the close still waits for the prize
    api.ok("PUT", f"/selection/cycles/{cycle_id}/awardees/E4/plan", "U1", {"incentives": ["special_step"]})
    api.ok("POST", f"/selection/cycles/{cycle_id}/incentive-request", "U1")
    api.ok("POST", f"/selection/cycles/{cycle_id}/awardees/E4/plan/grant", "HR1", {"reference": "발령 1"})
    api.ok("POST", f"/selection/cycles/{cycle_id}/awardees/E4/plan/confirmation", "U1")
    status, refused = api("POST", f"/selection/cycles/{cycle_id}/phase", "U1", {"to": "CLOSED", "reason": "마감"})
    assert (status, refused["code"]) == (422, "PRIZES_PENDING")
    for _ in range(2):
        paid = api.ok("POST", prize, "U1", {"step": "paid", "reference": "지출 1"})
    assert [h["status"] for h in paid["prize_history"]] == ["AWARDED", "REQUESTED", "PAID"]
    assert paid["prize_history"][-1]["reference"] == "지출 1"
    stats = api.ok("GET", f"/selection/cycles/{cycle_id}/statistics", "A1")["departments"]
    assert stats == {"nominations": 3, "departments": 3, "by_channel": {"contest": 2, "department": 1},
                     "excluded": 1, "awarded": 1, "by_tier": {"dept_grand": 1}, "prize_won": 1_000_000, "paid": 1}
    assert api.move(cycle_id, "CLOSED")["phase"] == "CLOSED"


def test_who_may_nominate_which_department_and_once(api):
    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    # a head: their department as the directory has it, not as their token says
    fin = {"channel": "department", "department": "FIN", "department_name": "재무과", "contest": None}
    stale = {**claims("H1"), "custom:department": "WEL"}
    assert nominate(api, cycle_id, stale, **{**fin, "department": "WEL"})[1]["code"] == "OTHER_DEPARTMENT"
    assert nominate(api, cycle_id, stale, **fin)[0] == 201
    assert nominate(api, cycle_id, "H1", **fin)[1]["code"] == "DEPARTMENT_CASE_EXISTS"
    assert nominate(api, cycle_id, "H1", **{**fin, "case_title": "  찾아가는   복지 상담 "})[1]["code"] \
        == "DEPARTMENT_CASE_EXISTS"  # the same title, spaced otherwise
    assert nominate(api, cycle_id, "H1")[1]["code"] == "ROLE_REQUIRED"  # a contest result is the unit's
    assert nominate(api, cycle_id, "U1", **fin)[1]["code"] == "ROLE_REQUIRED"  # a department case is a head's
    assert nominate(api, cycle_id, "U1", contest=None)[1]["code"] == "CONTEST_REQUIRED"
    assert nominate(api, cycle_id, "U1", criterion="friendliness")[1]["code"] == "UNKNOWN_CRITERION"
    assert nominate(api, cycle_id, "U1", staff=["X9"])[1]["code"] == "UNKNOWN_STAFF"
    # Idempotency-Key: the same request twice is one case and the first answer; another body under it refused
    first = nominate(api, cycle_id, "U1", key="k-1")
    assert first[0] == 201 and nominate(api, cycle_id, "U1", key="k-1") == first
    assert nominate(api, cycle_id, "U1", key="k-1", case_title="다른 사례")[1]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert len(api.ok("GET", f"/selection/cycles/{cycle_id}/department-nominations", "U1")["nominations"]) == 2
    api.move(cycle_id, "REVIEW")
    assert nominate(api, cycle_id, "U1", case_title="늦은 사례")[1]["code"] == "WRONG_PHASE"


def test_a_county_without_department_awards_takes_no_case(api, tmp_path, monkeypatch):
    from tests.builders import demo_county_with

    enabled = "    enabled: true\n    planned: 3"
    with demo_county_with(tmp_path, monkeypatch, enabled, enabled.replace("true", "false")):
        cycle_id = api.cycle()
        api.move(cycle_id, "NOMINATION")
        status, refused = nominate(api, cycle_id, "U1")
        assert (status, refused["code"]) == (422, "DEPARTMENT_AWARDS_NOT_RUN")


def awarded_department_case(api: Any, year: int) -> tuple[str, str]:
    """A `<year>-H2` cycle whose committee gave WEL's contest case 최우수 (the authorisation matrix's prize row)."""
    cycle_id = api.cycle("H2", year)
    api.move(cycle_id, "NOMINATION")
    status, case = nominate(api, cycle_id, "U1")
    assert status == 201, case
    assert api.nominate(cycle_id, "E3", "H2")[0] == 201
    api.move(cycle_id, "REVIEW")
    api.move(cycle_id, "VOTING")
    assert api.ballot(cycle_id, "H1", ["E3"])[0] == 201
    api.move(cycle_id, "COMMITTEE")
    api.resolve(cycle_id, "departments", outcome="resolved", selections={case["nomination_id"]: "dept_grand"})
    return cycle_id, case["nomination_id"]
