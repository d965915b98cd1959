"""The awardees for the award ceremony and the government-wide contest, as CSV (UTF-8 with a byte-order mark, so
Excel opens the Korean as Korean) or as an XLSX workbook. No resident, no nomination text beyond the case's title.

A name or a case title may come from a resident's nomination: a cell a spreadsheet would read as a formula
(`=`, `+`, `-`, `@`, a tab or a carriage return first) is written as text, with a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

HEADER = ("회차", "사번", "이름", "부서", "등급", "사례", "인사상 인센티브", "근평 가점", "시상금(원)", "포상휴가(일)",
          "부여 상태", "파견원소속", "원소속 기관 통보")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A value a spreadsheet shows as it is (text that would start a formula gets a leading apostrophe)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def awardees_csv(rows: Iterable[tuple[object, ...]], *, header: tuple[str, ...] = HEADER) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([*(cell(v) for v in row), *[""] * (len(header) - len(row))] for row in rows)  # every row full
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def awardees_xlsx(rows: Iterable[tuple[object, ...]], *, title: str, header: tuple[str, ...] = HEADER) -> bytes:
    """One sheet named after the cycle, the header bold and frozen; numbers stay numbers, text stays text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit on a sheet name
    sheet.append(header)
    for row in rows:
        sheet.append([cell(v) for v in row])
    for heading in sheet[1]:
        heading.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
