"""The awardees' files for the ceremony and the government-wide contest: CSV and XLSX with the same rows, and a case
title a resident wrote that a spreadsheet would run as a formula kept as text in both."""

from __future__ import annotations

import csv
import io

from tests.integration.selection.conftest import resident

FORMULA = '=HYPERLINK("http://example.com/x","사례 보기")'


def awarded_with_a_residents_title(api) -> str:
    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    assert api.nominate(cycle_id, "E4", resident("r-formula"), case_title=FORMULA, nominee_name="+이름")[0] == 201
    api.move(cycle_id, "REVIEW")
    api.move(cycle_id, "VOTING")
    assert api.ballot(cycle_id, "H1", ["E4"])[0] == 201
    api.move(cycle_id, "COMMITTEE")
    api.resolve(cycle_id, "selection", outcome="resolved", selections={"E4": "grand"})
    api.ok("PUT", f"/selection/cycles/{cycle_id}/awardees/E4/plan", "U1", {"incentives": ["special_step"]})
    return cycle_id


def plain(rows: list[list[str]]) -> list[list[object]]:
    """Rows compared as values: the workbook keeps 1.0 as the number 1."""
    def value(text: str) -> object:
        try:
            return float(text)
        except ValueError:
            return text
    return [[value(v) for v in row] for row in rows]


def test_the_awardees_as_csv_and_xlsx_alike_with_formulas_kept_as_text(api):
    from openpyxl import load_workbook

    cycle_id = awarded_with_a_residents_title(api)
    path = f"/selection/cycles/{cycle_id}/awardees"
    text = api.file(path, "U1", {"format": "csv"}).decode("utf-8")
    assert text.startswith("\ufeff")
    csv_rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    sheet = load_workbook(io.BytesIO(api.file(path, "HR1", {"format": "xlsx"}))).active
    xlsx_rows = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)]

    assert sheet.title == cycle_id and sheet.freeze_panes == "A2"
    assert plain(csv_rows) == plain(xlsx_rows)  # the same header and rows in both
    _header, row = csv_rows
    assert (row[1], row[2], row[4], row[5]) == ("E4", "'+이름", "최우수", "'" + FORMULA)
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)  # no formula in the workbook
    assert api("GET", path, "U1", query={"format": "pdf"})[0] == 422
