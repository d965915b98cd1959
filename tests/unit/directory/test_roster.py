"""Reading HR exports: encodings, spreadsheets, and every problem reported with its row and column."""

from __future__ import annotations

import io
from datetime import date

import pytest

from directory.rules.roster import (
    MAX_LINES,
    MAX_ROWS,
    MAX_SHOWN,
    Problem,
    TooLarge,
    UnreadableFile,
    parse_departments,
    parse_grade,
    parse_staff,
)

KINDS = ["본청", "읍면동"]
TYPES = ["일반직", "공무직", "임기제"]
HEADER = "사번,성명,부서코드,직급,고용형태,팀장여부,역할,전화,이메일"
DEPARTMENTS = "부서코드,부서명,국실,구분,부서장사번\nFIN,재무과,국,본청,{head}\n"


def staff(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def problems_of(data: bytes) -> list[tuple[int, str, object]]:
    return [(p.row, p.column, p.value) for p in parse_staff(data, employment_types=TYPES)[1]]


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8"),
    lambda text: text.encode("utf-8-sig"),
    lambda text: text.encode("cp949"),
    lambda text: text.encode("euc-kr"),
], ids=["utf-8", "utf-8-bom", "cp949", "euc-kr"])
def test_a_staff_file_reads_the_same_in_every_encoding(encode):
    text = staff("2026001,김정훈,AUD,5급,일반직,예,audit; committee,041-830-2001,jh.kim@demo.go.kr",
                 "2026005,정다은,AUD,없음,임기제,,,,")

    rows, problems = parse_staff(encode(text), employment_types=TYPES)

    assert problems == []
    first, second = rows
    assert (first.row, first.employee_no, first.name, first.grade, first.team_leader, first.roles) == (
        2, "2026001", "김정훈", 5, True, ("audit", "committee"))
    assert (first.phone, first.email) == ("041-830-2001", "jh.kim@demo.go.kr")
    assert (second.grade, second.team_leader, second.roles, second.phone) == (None, False, (), None)


def test_an_xlsx_file_is_read_from_its_first_sheet():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["부서코드", "부서명", "국실", "구분", "부서장사번"])
    sheet.append(["FIN", "재무과", "기획행정국", "본청", 2026011])  # numbers come back as numbers
    sheet.append([None, None, None, None, None])  # blank rows are skipped
    sheet.append(["EUP", "데모읍사무소", "읍면", "읍면동", None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rows, problems = parse_departments(buffer.getvalue(), kinds=KINDS)

    assert problems == []
    assert [(r.row, r.code, r.head) for r in rows] == [(2, "FIN", "2026011"), (4, "EUP", None)]


def test_english_header_aliases_are_accepted():
    rows, problems = parse_staff(b"employee_no,name,department,grade,employment_type\n1,Kim,FIN,7,\xec\x9d\xbc\xeb"
                                 b"\xb0\x98\xec\xa7\x81\n", employment_types=TYPES)
    assert problems == [] and rows[0].grade == 7 and rows[0].roles is None


def test_a_missing_required_column_is_reported_on_row_1():
    assert problems_of("사번,성명,직급\n1,김,7\n".encode()) == [(1, "부서코드", None), (1, "고용형태", None)]


def test_every_bad_row_is_listed():
    text = staff(
        "2026001,김정훈,AUD,10,일반직,N,,,",  # grade
        "2026002,,AUD,6,일반직,N,,,",  # missing name
        "2026003,박민호,AUD,6,정규직,N,,,",  # employment type
        "2026001,김정훈,AUD,6,일반직,N,,,",  # duplicate employee number
        "2026004,최은영,AUD,6,일반직,가끔,,,",  # team leader flag
        "2026005,정다은,AUD,6,일반직,N,audit;boss;dept_head,,",  # roles
        "2026006,강성민,AUD,6,일반직,N,,전화없음,not-an-email",  # contacts
        "20 26,강성민,AUD,6급,일반직,N,,,",  # employee number format
    )

    assert problems_of(text.encode()) == [
        (2, "직급", "10"), (3, "성명", ""), (4, "고용형태", "정규직"), (5, "사번", "2026001"), (6, "팀장여부", "가끔"),
        (7, "역할", "boss"), (7, "역할", "dept_head"), (8, "전화", "전화없음"), (8, "이메일", "not-an-email"),
        (9, "사번", "20 26"),
    ]


def test_department_rows_are_checked_too():
    text = "부서코드,부서명,국실,구분\nFIN,재무과,기획행정국,본청\nFIN,재무2과,기획행정국,본청\nA B,,국,출장소\n"
    _, problems = parse_departments(text.encode(), kinds=KINDS)
    assert [(p.row, p.column) for p in problems] == [(3, "부서코드"), (4, "부서명"), (4, "부서코드"), (4, "구분")]


def test_an_empty_or_unreadable_file_is_refused():
    assert [p.row for p in parse_staff(b"", employment_types=TYPES)[1]] == [1]
    with pytest.raises(UnreadableFile, match="XLSX"):
        parse_staff(b"PK\x03\x04garbage", employment_types=TYPES)


@pytest.mark.parametrize(("text", "grade"), [("6", 6), ("6급", 6), (" 9 급", 9), ("", None), ("없음", None)])
def test_grades(text, grade):
    assert parse_grade(text) == grade


@pytest.mark.parametrize("text", ["0", "10", "6급급", "주무관"])
def test_bad_grades(text):
    with pytest.raises(ValueError):
        parse_grade(text)


def test_cells_are_bounded_and_free_of_control_characters():
    text = staff(
        "2026001," + "김" * 51 + ",AUD,5,일반직,N,,,",  # name over 50
        "2026002,이\t수진,AUD,5,일반직,N,,,",  # a tab inside a name
        "2026003,박민호,AUD,5,일반직,N,,02-12,",  # too few digits for a phone number
        "2026004,최은영,AUD,5,일반직,N,,,a@b",  # no domain
        "2026005,정다은," + "A" * 21 + ",5,일반직,N,,,",  # department code over 20
        "2026006,강성민,AUD,5,일반직,N,,(041) 830-2006,sm.kang@demo.go.kr",  # fine
    )
    assert problems_of(text.encode()) == [
        (2, "성명", "김" * 51), (3, "성명", "이\t수진"), (4, "전화", "02-12"), (5, "이메일", "a@b"),
        (6, "부서코드", "A" * 21)]


def test_employee_numbers_are_upper_cased_so_case_variants_are_duplicates():
    rows, problems = parse_staff(staff("ab-1,가,AUD,5,일반직,N,,,", "AB-1,나,AUD,5,일반직,N,,,").encode(),
                                 employment_types=TYPES)
    assert [(p.row, p.column, p.value) for p in problems] == [(3, "사번", "AB-1")]
    assert rows[0].employee_no == "AB-1"
    departments, _ = parse_departments(DEPARTMENTS.format(head="ab-1").encode(), kinds=KINDS)
    assert departments[0].head == "AB-1"


def test_committee_terms_are_read_with_the_role():
    header = HEADER + ",위원임기시작,위원임기종료"
    rows, problems = parse_staff(staff(
        "2026001,김정훈,AUD,5,일반직,N,committee,,,2026.01.01,20271231",
        "2026002,이수진,AUD,5,일반직,N,committee,,,2026-01-01,",  # the end is missing
        "2026003,박민호,AUD,5,일반직,N,committee,,,2027-01-01,2026-12-31",  # ends before it starts
        "2026004,최은영,AUD,5,일반직,N,audit,,,2026-01-01,2027-12-31",  # a term without the role
        "2026005,정다은,AUD,5,일반직,N,committee,,,내년,2027-12-31",  # not a date
        header=header).encode(), employment_types=TYPES)
    assert (rows[0].term_start, rows[0].term_end) == (date(2026, 1, 1), date(2027, 12, 31))
    assert [(p.row, p.column) for p in problems] == [
        (3, "위원임기종료"), (4, "위원임기종료"), (5, "위원임기시작"), (6, "위원임기시작")]


def test_a_departments_file_says_whether_it_has_the_head_column():
    with_column, _ = parse_departments(DEPARTMENTS.format(head="").encode(), kinds=KINDS)
    without, _ = parse_departments("부서코드,부서명,국실,구분\nFIN,재무과,국,본청\n".encode(), kinds=KINDS)
    assert (with_column[0].head, with_column[0].head_given) == (None, True)
    assert (without[0].head, without[0].head_given) == (None, False)


def test_a_long_bad_value_is_not_echoed_whole():
    problem = Problem(2, "이메일", "a" * 5000, "254자 이하여야 합니다 (지금 5000자).")
    assert problem.as_dict()["value"] == "a" * MAX_SHOWN + "…"


def test_too_many_rows_even_blank_ones_refuse_the_file():
    with pytest.raises(TooLarge, match="빈 행을 포함해"):
        parse_staff((HEADER + "\n" + "\n" * MAX_LINES).encode(), employment_types=TYPES)
    with pytest.raises(TooLarge, match="최대 20,000행"):
        parse_staff((HEADER + "\n" + "1,김,AUD,5,일반직,,,,\n" * (MAX_ROWS + 1)).encode(), employment_types=TYPES)
