"""Files the directory must refuse whole with a 400 — oversized cells, broken CSV/XLSX, too much — writing nothing."""

from __future__ import annotations

import io
import zipfile

import pytest

from directory.rules import roster
from tests.integration.directory.conftest import demo_file

HEADER = "사번,성명,부서코드,직급,고용형태,팀장여부,역할,전화,이메일\n"
GOOD_ROWS = "".join(f"{2026100 + i},홍길동,AUD,5,일반직,,,,\n" for i in range(40))  # more than one transaction


@pytest.fixture
def with_departments(directory):
    assert directory.import_file(demo_file("departments.csv"), "departments")[0] == 200
    return directory


def assert_nothing_written(directory) -> None:
    assert directory.staff_items() == []
    assert directory.outbox() == []


@pytest.mark.parametrize(("bad_row", "column", "reason"), [
    ("2026999," + "가" * 400 + ",AUD,5,일반직,,,,", "성명", "50자 이하여야 합니다 (지금 400자)."),
    ("2026999,김,AUD,5,일반직,,,," + "a" * 5000 + "@x.kr", "이메일", "254자 이하여야 합니다 (지금 5005자)."),
    ("2026999,홍\x00길동,AUD,5,일반직,,,,", "성명", "제어 문자(줄바꿈, NUL 등)는 쓸 수 없습니다."),
    ("2026999,김,AUD,5,일반직,,,----------,", "전화", "전화번호 형식이 아닙니다 (숫자 7~15자리, - + ( ) 공백)."),
    ("2026999,김,AUD,5,일반직,,,,kim@localhost", "이메일", "이메일 형식이 아닙니다."),
], ids=["long-name", "long-email", "nul", "phone-without-digits", "email-without-domain"])
def test_an_oversized_or_odd_cell_refuses_the_whole_file_before_any_write(with_departments, bad_row, column, reason):
    # Given 40 good rows (two transactions' worth) and, last, one bad cell
    data = (HEADER + GOOD_ROWS + bad_row + "\n").encode()

    # When the file is imported
    status, body = with_departments.import_file(data, "staff")

    # Then it is a 400 naming the row and column, the echoed value is cut short, and nothing was written
    assert (status, body["code"]) == (400, "ROSTER_INVALID")
    (problem,) = body["details"]
    assert (problem["row"], problem["column"], problem["reason"]) == (42, column, reason)
    assert len(problem["value"]) <= roster.MAX_SHOWN + 1
    assert_nothing_written(with_departments)


def test_a_field_larger_than_the_csv_limit_is_a_400(with_departments):
    status, body = with_departments.import_file(b"a" * 200_000, "staff")

    assert (status, body["code"]) == (400, "ROSTER_UNREADABLE")
    assert body["message"].startswith("CSV 파일을 읽을 수 없습니다")
    assert_nothing_written(with_departments)


def xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cut_sheet_in_half(data: bytes) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, content[: len(content) // 2] if name == "xl/worksheets/sheet1.xml" else content)
    return out.getvalue()


def test_a_damaged_xlsx_is_a_400(with_departments):
    rows = [["사번", "성명", "부서코드", "직급", "고용형태"]]
    rows += [[str(2026100 + i), "홍길동", "AUD", 5, "일반직"] for i in range(50)]

    status, body = with_departments.import_file(cut_sheet_in_half(xlsx(rows)), "staff")

    assert (status, body["code"], body["message"]) == (400, "ROSTER_UNREADABLE", "XLSX 파일을 읽을 수 없습니다.")
    assert_nothing_written(with_departments)


def test_a_file_too_large_or_with_too_many_rows_is_a_400(with_departments):
    status, body = with_departments.import_file(b"x" * (roster.MAX_FILE_BYTES + 1), "staff")
    assert (status, body["code"]) == (400, "ROSTER_TOO_LARGE")

    rows = "".join(f"{i},김,AUD,5,일반직\n" for i in range(roster.MAX_ROWS + 1))
    status, body = with_departments.import_file(("사번,성명,부서코드,직급,고용형태\n" + rows).encode(), "staff")
    assert (status, body["code"], body["message"]) == (400, "ROSTER_TOO_LARGE", "행이 너무 많습니다 (최대 20,000행).")
    assert_nothing_written(with_departments)


def test_a_file_with_thousands_of_bad_rows_lists_the_first_200(with_departments):
    rows = "".join(f"{2026100 + i},김,AUD,10,일반직,,,,\n" for i in range(1000))  # every grade is wrong

    status, body = with_departments.import_file((HEADER + rows).encode(), "staff")

    assert status == 400 and len(body["details"]) == 200
    assert body["message"] == "명부 파일에 오류가 1000건 있어 아무것도 반영하지 않았습니다. 처음 200건만 표시합니다."
