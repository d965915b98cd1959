"""The panel's department review: totals, approval rate, the three flags, CSV and XLSX exports, who may read it."""

from __future__ import annotations

import base64
import csv
import io

import pytest

from common.clock import today
from mileage.storage.items import Grant
from tests.builders import LambdaContext, api_event, resident_claims, staff_claims
from tests.integration.mileage.conftest import claims, directory_event, project


def seed(number: int, department: str, grantor: str, employee_no: str, item: str, points: int, status: str,
         day: str = "2026-03-10", partner: str | None = None) -> None:
    at = f"{day}T10:{number:02d}:00+09:00"
    grant_id = f"G{number:02d}"
    Grant(Grant.key(grant_id), "META", grant_id=grant_id, group_id=grant_id, employee_no=employee_no,
               department=department, grantor=grantor, item_code=item, points=points, group_points=points,
               act_title="행위", act_date=day, act_key=f"k{number}", status=status, created_at=at,
               partner_department=partner,
               gsi1pk=f"GRANTS#{status}", gsi1sk=f"{at}#{grant_id}", gsi2pk=f"DEPTGRANTS#{department}",
               gsi2sk=f"{at}#{grant_id}").save()


@pytest.fixture
def seeded(api):
    # FIN: E1 holds most approved points and nears the half-year cap (60): 50 approved + 5 submitted = 55
    for n, item in enumerate(["IDEA", "COLLAB", "IDEA", "PERSUADE", "FIELD_CHECK"], start=1):
        seed(n, "FIN", "H1", "E1", item, 10, "APPROVED")
    seed(6, "FIN", "H1", "E1", "IDEA", 5, "SUBMITTED")
    seed(7, "FIN", "H1", "E1", "IDEA", 2, "SUPERSEDED")  # replaced: not counted
    seed(8, "FIN", "H1", "E2", "IDEA", 5, "APPROVED", day="2026-02-10")
    seed(9, "FIN", "H1", "E2", "IDEA", 3, "REJECTED")
    seed(10, "FIN", "H1", "E2", "COLLAB", 4, "REVERSED")
    seed(11, "FIN", "H1", "E1", "IDEA", 9, "APPROVED", day="2026-07-05")  # the second half
    # FIN credits E2 for supporting TAX, and TAX credits T1 for supporting FIN: each names the other
    seed(12, "FIN", "H1", "E2", "SUPPORT", 1, "SUBMITTED", partner="TAX")
    seed(13, "TAX", "H2", "T1", "SUPPORT", 2, "SUBMITTED", partner="FIN")
    return api


def review(api, who, **query) -> tuple[int, dict]:
    return api("GET", "/mileage/reviews/departments", who, query={"period": "2026-H1", **query})


def test_department_review_totals_and_flags(seeded):
    status, body = review(seeded, "P1")
    assert status == 200, body
    assert (body["period"], body["start"], body["end"]) == ("2026-H1", "2026-01-01", "2026-06-30")
    fin, tax = body["departments"]
    assert (fin["department"], fin["grants"], fin["submitted"], fin["approved"], fin["rejected"], fin["reversed"]) == (
        "FIN", 10, 2, 7, 1, 1)
    assert fin["approval_rate"] == 0.875 and fin["approved_points"] == 55
    assert {i["item_code"]: (i["count"], i["points"], i["approved_points"]) for i in fin["items"]} == {
        "IDEA": (5, 33, 25), "COLLAB": (2, 14, 10), "PERSUADE": (1, 10, 10), "FIELD_CHECK": (1, 10, 10),
        "SUPPORT": (1, 1, 0)}
    assert {p["employee_no"]: (p["grants"], p["approved_points"], p["cap_points"]) for p in fin["people"]} == {
        "E1": (6, 50, 55), "E2": (4, 5, 6)}
    flags = {(f["type"], f["employee_no"] or f["with_department"]): f for f in fin["flags"]}
    assert set(flags) == {("concentration", "E1"), ("reciprocal", "TAX"), ("near_cap", "E1")}
    assert flags[("concentration", "E1")]["percent"] == 90.9
    assert flags[("reciprocal", "TAX")]["grantors"] == ["H1", "H2"]
    assert (flags[("near_cap", "E1")]["points"], flags[("near_cap", "E1")]["limit"]) == (55, 60)
    # TAX: one grant, so no concentration flag; the reciprocal pair shows from its side too
    assert tax["department"] == "TAX" and tax["approval_rate"] is None
    assert [(f["type"], f["with_department"]) for f in tax["flags"]] == [("reciprocal", "FIN")]

    # One department, from the department index: the same figures, the reciprocal pair still found
    status, only = review(seeded, "A1", department="FIN")
    assert status == 200 and only["departments"] == [fin]
    # A month: March only (E2's February grant and the July grant fall outside); the month cap (20) applies
    march = review(seeded, "P1", period="2026-03")[1]["departments"][0]
    assert (march["grants"], march["approved_points"]) == (9, 50)
    assert {(f["type"], f.get("limit")) for f in march["flags"] if f["type"] == "near_cap"} == {("near_cap", 20)}
    # The year counts July too; with under 5 grants (concentration threshold) a department gets no such flag
    assert review(seeded, "P1", period="2026")[1]["departments"][0]["grants"] == 11
    assert review(seeded, "P1", period="2026-H3")[1]["code"] == "INVALID_PERIOD"


def raw(who: str, **query) -> dict:
    from mileage import api

    return api.handler(api_event("GET", "/mileage/reviews/departments", claims=claims(who),
                                 query={"period": "2026-H1", **query}), LambdaContext())


def test_csv_and_xlsx_exports(seeded):
    from openpyxl import load_workbook

    response = raw("P1", format="csv")
    assert response["statusCode"] == 200 and response["isBase64Encoded"]
    assert response["headers"]["Content-Type"] == "text/csv; charset=utf-8"
    assert response["headers"]["Content-Disposition"] == 'attachment; filename="mileage-review-2026-H1.csv"'
    data = base64.b64decode(response["body"])
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the Korean as UTF-8
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == ["부서", "구분", "항목·직원", "건수", "점수", "승인 점수", "비고"]
    assert ["FIN", "합계", "", "10", "", "55", "승인률 87.5% (승인 7, 반려 1, 취소 1, 대기 2)"] in table
    assert ["FIN", "직원", "E1", "6", "55", "50", ""] in table
    assert {row[2] for row in table if row[1] == "경고"} == {"concentration", "reciprocal", "near_cap"}

    response = raw("A1", format="xlsx")
    assert response["statusCode"] == 200 and response["isBase64Encoded"]
    assert response["headers"]["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["headers"]["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(base64.b64decode(response["body"]))).active
    cells = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == table and sheet["A1"].font.bold


@pytest.mark.parametrize(("who", "expected"), [
    ("P1", 200), ("A1", 200), ("H1", 403), ("H2", 403), ("E1", 403), ("R1", 403), ("resident", 403), (None, 401)])
def test_only_the_panel_and_audit_see_the_review(api, who, expected):
    caller = resident_claims() if who == "resident" else who
    assert api("GET", "/mileage/reviews/departments", caller, query={"period": "2026-H1"})[0] == expected
    if expected == 403:
        assert api("GET", "/mileage/reviews/departments", caller, query={"period": "2026-H1", "format": "csv"})[
            0] == 403


def this_year(api, who: str = "P1") -> dict[str, dict]:
    status, body = api("GET", "/mileage/reviews/departments", who, query={"period": str(today().year)})
    assert status == 200, body
    return {d["department"]: d for d in body["departments"]}


def test_reciprocal_partners_through_the_api_and_no_false_flag_when_heads_move(api):
    # a partner must be another department
    assert api.grant(partner_department="FIN")[1]["code"] == "PARTNER_IS_OWN_DEPARTMENT"
    # FIN credits E1 for work with TAX; TAX does not name FIN: nothing mutual yet
    api.granted(item_code="FIELD_CHECK", points=4, partner_department="TAX")
    assert this_year(api)["FIN"]["flags"] == []
    # heads swapping departments does not make their earlier grants look mutual
    project(directory_event("EmployeeChanged", "H1", department="TAX"),
            directory_event("EmployeeChanged", "H2", department="FIN"))
    assert this_year(api)["FIN"]["flags"] == []
    # TAX's head (now H1) credits T1 for work with FIN: the pair shows from both sides, and for FIN alone
    api.granted(staff_claims("H1", "TAX", "dept_head"), item_code="SUPPORT", points=2,
                recipients=[{"employee_no": "T1"}], partner_department="FIN")
    review = this_year(api)
    [fin_flag] = review["FIN"]["flags"]
    assert (fin_flag["type"], fin_flag["with_department"], fin_flag["points"]) == ("reciprocal", "TAX", 4)
    assert [(f["type"], f["with_department"], f["points"]) for f in review["TAX"]["flags"]] == [
        ("reciprocal", "FIN", 2)]
    status, body = api("GET", "/mileage/reviews/departments", "A1",
                       query={"period": str(today().year), "department": "FIN"})
    assert status == 200 and body["departments"] == [review["FIN"]]


def test_concentration_counts_credits_only(api):
    deduction = api.granted(item_code="PASSIVE", points=-5, act_title="민원 방치",
                            evidence_links=["https://intra.example.go.kr/1"])
    assert api.approve(deduction["grant_id"])[0] == 200
    api.credited(3, employee_no="E1", title="E1 행위")
    for n in range(4):
        api.credited(2, employee_no="E2", title=f"E2 행위 {n}")
    [flag] = [f for f in this_year(api)["FIN"]["flags"] if f["type"] == "concentration"]
    assert (flag["employee_no"], flag["points"], flag["percent"]) == ("E2", 8, 72.7)  # 8 of 11 credited points


def test_a_department_near_its_cap_is_flagged(api, monkeypatch):
    from common.county_mileage import CapLimits, Caps
    from mileage.rules import policy

    section = policy.policy()
    monkeypatch.setattr(policy, "_cached_policy", lambda: section.model_copy(update={"caps": Caps(
        person=CapLimits(), department=CapLimits(year=10))}))
    api.granted(points=5, recipients=[{"employee_no": "E1"}])
    api.granted(points=4, recipients=[{"employee_no": "E2"}])
    flags = [f for f in this_year(api)["FIN"]["flags"] if f["type"] == "near_cap"]
    assert [(f["employee_no"], f["points"], f["limit"], f["percent"]) for f in flags] == [(None, 9, 10, 90.0)]
