"""Exemption applications (issue #13, case 4): filed after the audit with the three criteria; the file shows every
registered opinion on the same matter with the presumption each carries (an index query); the county's body decides,
by event, and the quarter's report lists it (JSON, CSV); the committee is asked to recommend it; the protection
officer's log is theirs and the applicant's only."""

from __future__ import annotations

import base64
import csv
import io
from datetime import timedelta

import pytest

from common.clock import today
from consulting.rules.exemption import quarter
from contracts.committee import CommitteeItemRequested, ItemKind
from contracts.consulting import ExemptionDecided
from tests.builders import LambdaContext, api_event, outbox, typed
from tests.integration.consulting.conftest import EXEMPTIONS, claims, exemption, file_exemption


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def opinion_on(api, matter: str, *, private_interest: bool = False) -> str:
    case_id = api.filed(matter_code=matter, private_interest=private_interest)["case_id"]
    api.move(case_id, "acceptance", "A1")
    return api.move(case_id, "opinion", "A1", {"opinion": "가능"})["opinion_id"]


def test_the_file_shows_each_opinion_on_the_matter_with_its_presumption(api):
    clean = opinion_on(api, "ROAD-OCCUPANCY")
    interested = opinion_on(api, "ROAD-OCCUPANCY", private_interest=True)
    elsewhere = opinion_on(api, "OTHER-MATTER")
    made = file_exemption(api, opinion_ids=[clean, elsewhere])
    assert (made["case"]["status"], made["case"]["requester"], made["audit_ref"]) == (
        "FILED", "R1", "2026 종합감사 3호")

    shown = {p["opinion_id"]: (p["cited"], p["presumed_exempt"], p["no_gross_negligence_presumed"], p["reasons"])
             for p in made["presumptions"]}
    assert shown == {clean: (True, True, True, []),
                     interested: (False, False, False, ["private_interest"]),
                     elsewhere: (True, False, True, ["other_matter"])}


def test_no_opinion_still_presumes_no_gross_negligence_without_interest_or_defect(api):
    made = file_exemption(api, matter_code="NEW-MATTER", serious_procedural_defect=True)
    assert [(p["opinion_id"], p["presumed_exempt"], p["no_gross_negligence_presumed"], p["reasons"])
            for p in made["presumptions"]] == [(None, False, False, ["no_opinion", "serious_procedural_defect"])]


def test_refused_before_the_audit_ends_without_a_criterion_or_citing_an_unknown_opinion(api):
    later = (today() + timedelta(days=1)).isoformat()
    for body, code in ((exemption(audit_ended_on=later), "AUDIT_NOT_ENDED"),
                       (exemption(criteria={"public_interest": "안전"}), "EXEMPTION_CRITERIA"),
                       (exemption(opinion_ids=["OP-" + "0" * 32]), "OPINION_NOT_FOUND")):
        status, refused = api("POST", EXEMPTIONS, "R1", body)
        assert (status, refused["code"]) == (422, code)


def test_the_decision_is_published_once_and_listed_in_its_quarters_report(api):
    case_id = file_exemption(api)["case"]["case_id"]
    path = f"{EXEMPTIONS}/{case_id}/decision"
    assert api("POST", path, "A1", {"decision": "EXEMPT", "reasons": "요건 충족"})[0] == 403
    status, decided = api("POST", path, "H1", {"decision": "EXEMPT", "reasons": "세 요건 충족"})
    assert (status, decided["decision"], decided["case"]["status"]) == (200, "EXEMPT", "EXEMPT")
    again = api("POST", path, "H1", {"decision": "NOT_EXEMPT", "reasons": "재검토"})
    assert (again[0], again[1]["code"]) == (409, "INVALID_STATE")

    [event] = [e for e in (typed(e) for e in outbox("consulting") if e.detail_type == "ExemptionDecided")
               if e.exemption_id == case_id]
    assert isinstance(event, ExemptionDecided)
    assert (event.exemption_id, event.applicant_employee_no, event.decision, event.deciding_body, event.quarter) == (
        case_id, "R1", "EXEMPT", "audit_head", quarter(today()))

    report_path = f"/consulting/exemption-reports/{quarter(today())}"
    status, report = api("GET", report_path, "A1")
    assert status == 200, report
    assert [(r["decision"], r["audit_ref"]) for r in report["rows"] if r["exemption_id"] == case_id] == [
        ("EXEMPT", "2026 종합감사 3호")]
    assert report["due_day"] > today().isoformat()
    from consulting.api import handler

    response = handler(api_event("GET", report_path, claims=claims("H1"), query={"format": "csv"}), LambdaContext())
    assert (response["statusCode"], response["headers"]["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert response["body"].startswith("\ufeff")  # a spreadsheet opens the Korean as UTF-8
    rows = list(csv.reader(io.StringIO(response["body"].lstrip("\ufeff"))))
    assert rows[0][0] == "면책 신청 ID" and [case_id, "R1"] in [row[:2] for row in rows[1:]]
    workbook = handler(api_event("GET", report_path, claims=claims("A1"), query={"format": "xlsx"}), LambdaContext())
    assert workbook["statusCode"] == 200 and workbook["isBase64Encoded"]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(base64.b64decode(workbook["body"]))).active
    assert sheet["A1"].value == "면책 신청 ID" and case_id in [c.value for c in sheet["A"]]
    assert api("GET", report_path, "R1")[0] == 403
    assert api("GET", "/consulting/exemption-reports/2026Q5", "A1")[0] == 422


def test_a_board_decides_with_its_resolution(api, tmp_path, monkeypatch):
    from tests.builders import demo_county_with

    with demo_county_with(tmp_path, monkeypatch, "  exemption_deciding_body: audit_head",
                          "  exemption_deciding_body: exemption_board"):
        case_id = file_exemption(api)["case"]["case_id"]
        path = f"{EXEMPTIONS}/{case_id}/decision"
        refused = api("POST", path, "H1", {"decision": "EXEMPT", "reasons": "의결"})
        assert (refused[0], refused[1]["code"]) == (400, "BOARD_RESOLUTION_REQUIRED")
        status, _ = api("POST", path, "H1", {"decision": "EXEMPT", "reasons": "의결", "board_resolution": "2026-7"})
        assert status == 200


def test_the_recommendation_is_asked_once_as_a_committee_item(api):
    case_id = file_exemption(api)["case"]["case_id"]
    path = f"{EXEMPTIONS}/{case_id}/recommendation-request"
    assert api("POST", path, "R2")[1]["code"] == "NOT_YOURS"
    status, asked = api("POST", path, "R1")
    assert (status, asked["recommendation"]) == (200, "REQUESTED")
    assert api("POST", path, "H1")[1]["code"] == "INVALID_STATE"
    [item] = [i for i in (CommitteeItemRequested.of(e) for e in outbox("consulting")
                          if e.detail_type == "CommitteeItemRequested") if i.origin_case_id == case_id]
    assert (item.kind, item.origin_case_id, item.parties[0].employee_no) == (
        ItemKind.EXEMPTION_RECOMMENDATION, case_id, "R1")


def test_the_protection_officers_log_is_theirs_and_the_applicants_only(api):
    case_id = file_exemption(api)["case"]["case_id"]
    path = f"{EXEMPTIONS}/{case_id}/counselling"
    entry = {"kind": "file_review", "held_on": today().isoformat(), "note": "제출 서류 검토: 선례 보강 권고"}
    assert api("POST", path, "H1", entry)[0] == 403
    status, made = api("POST", path, "P1", entry)
    assert (status, made["kind"], made["by"]) == (201, "file_review", "P1")
    assert [e["note"] for e in api("GET", path, "R1")[1]["items"]] == ["제출 서류 검토: 선례 보강 권고"]
    assert api("GET", path, "P1")[0] == 200
    for who in ("H1", "A1", "R2"):
        assert api("GET", path, who)[1]["code"] in ("PROTECTION_LOG_PRIVATE",)
    # the log never shows in the file itself, whoever reads it
    assert "제출 서류 검토" not in str(api("GET", f"{EXEMPTIONS}/{case_id}", "H1")[1])


def test_a_later_finding_on_an_opinion_loses_its_presumption(api):
    opinion_id = opinion_on(api, "LATER-FINDING")
    before = file_exemption(api, matter_code="LATER-FINDING", opinion_ids=[opinion_id])["presumptions"]
    assert [(p["presumed_exempt"], p["reasons"]) for p in before] == [(True, [])]

    path = f"/consulting/opinions/{opinion_id}/finding"
    nothing = api("POST", path, "A1", {"information_complete": True, "private_interest": False, "reason": "-"})
    assert (nothing[0], nothing[1]["code"]) == (422, "NOTHING_FOUND")
    assert api("POST", path, "R1", {"information_complete": False, "private_interest": False, "reason": "x"})[0] == 403
    status, found = api("POST", path, "A1", {"information_complete": False, "private_interest": False,
                                             "reason": "인허가 이력 누락"})
    assert (status, found["information_complete"]) == (200, False) and "인허가 이력 누락" in found["finding"]

    after = file_exemption(api, matter_code="LATER-FINDING", opinion_ids=[opinion_id])["presumptions"]
    assert [(p["presumed_exempt"], p["no_gross_negligence_presumed"], p["reasons"]) for p in after] == [
        (False, True, ["information_incomplete"])]


def test_the_deciding_official_cannot_decide_their_own_application(api):
    case_id = file_exemption(api, "H1")["case"]["case_id"]  # the audit head applies for their own exemption
    status, refused = api("POST", f"/consulting/exemptions/{case_id}/decision", "H1",
                          {"decision": "EXEMPT", "reasons": "요건 충족"})
    assert (status, refused["code"]) == (403, "OWN_APPLICATION")
    assert api("GET", f"/consulting/exemptions/{case_id}", "H1")[1]["case"]["status"] == "FILED"
