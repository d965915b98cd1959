"""The government-wide contest file (issue #15: "exports for the government-wide contest (H2 cases)"): every awarded
case of a cycle the county marks `contest_export` — the officials' and the departments' — with criterion, title,
achievement, evidence, department, who and tier, as JSON, CSV and XLSX alike, formulas kept as text; another cycle
is a clear 422, a cycle before the committee's selection a 409, a round never opened a 404."""

from __future__ import annotations

import csv
import io

from tests.integration.selection.test_departments import CASE, department_year
from tests.integration.selection.test_exports import plain


def test_a_contest_cycle_exports_every_awarded_case_officials_and_departments(api):
    from openpyxl import load_workbook

    ids = department_year(api)
    cycle_id, path = ids["cycle"], f"/selection/cycles/{ids['cycle']}/contest-export"
    assert api("GET", path, "U1")[1]["code"] == "NOT_SELECTED_YET"  # the committee has not selected yet
    api.resolve(cycle_id, "departments", outcome="resolved", selections={ids["wel"]: "dept_excellent"})
    api.resolve(cycle_id, "selection", outcome="resolved", selections={"E4": "grand", "E1": "not_selected"})

    cases = api.ok("GET", path, "U1")["cases"]
    assert cases == [
        {"kind": "우수공무원", "criterion": "규제혁신", "case_title": "인허가 절차 간소화",
         "achievement": "민원 처리 기간을 절반으로 줄였습니다.", "evidence": "", "department": "WEL",
         "who": "이름E4 (E4)", "tier": "최우수"},
        {"kind": "우수부서", "criterion": "공공서비스 질 향상", "case_title": CASE["case_title"],
         "achievement": CASE["achievement"], "evidence": "docs/welfare.pdf", "department": "WEL",
         "who": "=복지과 (E3)", "tier": "우수"}]

    text = api.file(path, "U1", {"format": "csv"}).decode("utf-8")
    csv_rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    sheet = load_workbook(io.BytesIO(api.file(path, "U1", {"format": "xlsx"}))).active
    xlsx_rows = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert plain(csv_rows) == plain(xlsx_rows)
    assert csv_rows[0] == ["회차", "구분", "선발 기준", "사례 제목", "주요 성과", "증빙", "부서", "대상", "등급"]
    assert [r[1] for r in csv_rows[1:]] == ["우수공무원", "우수부서"]
    assert csv_rows[2][7] == "'=복지과 (E3)"  # a typed department name cannot run as a formula
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_a_cycle_the_county_does_not_send_to_the_contest_is_refused(api):
    cycle_id = api.cycle("H1", 2026)
    status, refused = api("GET", f"/selection/cycles/{cycle_id}/contest-export", "U1", query={"format": "csv"})
    assert (status, refused["code"], refused["details"]["contest_cycles"]) == (422, "NOT_A_CONTEST_CYCLE", ["H2"])


def test_a_contest_round_never_opened_is_not_found(api):
    status, missing = api("GET", "/selection/cycles/2031-H2/contest-export", "U1")
    assert (status, missing["code"], missing["details"]) == (404, "CYCLE_NOT_FOUND", {"cycle_id": "2031-H2"})
