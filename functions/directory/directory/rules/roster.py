"""Reading the HR export: CSV (UTF-8 with or without BOM, or CP949/EUC-KR) or XLSX, with Korean headers.

This module turns file bytes into typed rows and lists every problem it finds, row by row. It checks each row on its
own (required values, lengths, characters, formats, allowed codes, duplicates within the file); checks against the
directory's current state (does the department exist, is the head a member) are in `rules.plans`.
Row numbers are as a person sees them in a spreadsheet: the header is row 1, the first data row is row 2.

A file that cannot be read at all (damaged XLSX, broken CSV, unknown encoding) or is too large raises `FileRefused`;
the caller turns it into one 400 without looking at any row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from common.identity import Role
from common.offices import OFFICES
from common.text import forbidden_in_line

XLSX_MAGIC = b"PK\x03\x04"

# Bounds of a roster. A county has at most a few thousand staff; a Lambda request body is at most 6 MB (base64).
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_ROWS = 20_000  # data rows, blank rows not counted
MAX_LINES = 5 * MAX_ROWS  # rows read, blank ones included (a spreadsheet of styled empty rows)
MAX_COLUMNS = 50  # columns read from a spreadsheet (HR exports have a dozen)
MAX_SHOWN = 60  # characters of a bad value echoed back in a problem

# Roles a roster may assign. `staff` is everyone's, `dept_head` follows from the departments file (or PUT roles),
# `resident` is not staff.
# The statutory offices (`common.offices.OFFICES`: 전담부서, 책임관, 보호관, 감사기구의 장, …) are roles too; one person
# may hold several.
ROSTER_ROLES = frozenset({Role.COMMITTEE, Role.ADMIN, *OFFICES})

_TRUE = {"y", "yes", "예", "o", "true", "1", "팀장"}
_FALSE = {"", "n", "no", "아니오", "아니요", "x", "false", "0"}
_NO_GRADE = {"", "없음", "-", "무"}
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
_EMPLOYEE_NO = re.compile(r"^[A-Za-z0-9-]{1,20}$")
_PHONE = re.compile(r"^[0-9+()\- ]{7,20}$")
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
    r"@(?=.{4,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
_DATE = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?$|^(\d{4})(\d{2})(\d{2})$")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    value: Any
    reason: str

    def as_dict(self) -> dict[str, Any]:
        shown = self.value
        if isinstance(shown, str) and len(shown) > MAX_SHOWN:  # a 5000-character cell is not echoed back whole
            shown = shown[:MAX_SHOWN] + "…"
        return {**asdict(self), "value": shown}


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Korean header, used in every message
    aliases: tuple[str, ...] = ()
    required: bool = True  # the column must be present
    value_required: bool = True  # a present column must have a value in every row
    max_length: int = 50


DEPARTMENT_COLUMNS = (
    Column("code", "부서코드", ("code", "department_code"), max_length=20),
    Column("name", "부서명", ("name",)),
    Column("bureau", "국실", ("bureau", "국/실")),
    Column("kind", "구분", ("kind",), max_length=20),
    Column("head", "부서장사번", ("head", "head_employee_no"), required=False, value_required=False, max_length=20),
)

STAFF_COLUMNS = (
    Column("employee_no", "사번", ("employee_no",), max_length=20),
    Column("name", "성명", ("name", "이름")),
    Column("department", "부서코드", ("department", "부서"), max_length=20),
    Column("grade", "직급", ("grade",), value_required=False, max_length=10),
    Column("employment_type", "고용형태", ("employment_type",), max_length=20),
    Column("team_leader", "팀장여부", ("team_leader",), required=False, value_required=False, max_length=10),
    Column("roles", "역할", ("roles",), required=False, value_required=False, max_length=100),
    Column("phone", "전화", ("phone", "전화번호"), required=False, value_required=False, max_length=20),
    Column("email", "이메일", ("email",), required=False, value_required=False, max_length=254),
    Column("term_start", "위원임기시작", ("committee_term_start",), required=False, value_required=False,
           max_length=10),
    Column("term_end", "위원임기종료", ("committee_term_end",), required=False, value_required=False, max_length=10),
    Column("seconded_from", "파견원소속", ("seconded_from", "원소속"), required=False, value_required=False,
           max_length=50),  # a seconded (파견) official's home body; blank: the county's own staff
)


@dataclass(frozen=True)
class DepartmentRow:
    row: int
    code: str
    name: str
    bureau: str
    kind: str
    head: str | None
    head_given: bool = True  # the file has the 부서장사번 column (a blank cell then clears the head)


@dataclass(frozen=True)
class StaffRow:
    row: int
    employee_no: str
    name: str
    department: str
    grade: int | None
    employment_type: str
    team_leader: bool
    roles: tuple[str, ...] | None  # None: the file has no 역할 column (keep what the directory has)
    phone: str | None
    email: str | None
    has_phone: bool  # the file has the column (a blank cell then removes the number)
    has_email: bool
    term_start: date | None = None  # committee term; None: not given (keep the stored term)
    term_end: date | None = None
    seconded_from: str | None = None  # the home body of a seconded official (파견원소속)
    has_seconded_from: bool = False  # the file has the column (a blank cell then ends the secondment)


class FileRefused(Exception):
    """The file as a whole is refused before any row is looked at."""

    code = "ROSTER_UNREADABLE"

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class UnreadableFile(FileRefused):
    code = "ROSTER_UNREADABLE"


class TooLarge(FileRefused):
    code = "ROSTER_TOO_LARGE"


# ---------------------------------------------------------------- bytes → rows of text
def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or, failing that, CP949 (a superset of EUC-KR), as Korean HR exports come."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949")
    except UnicodeDecodeError as error:
        raise UnreadableFile("파일 인코딩을 알 수 없습니다 (UTF-8 또는 CP949/EUC-KR CSV, 또는 XLSX).") from error


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):  # a date cell of a spreadsheet
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _bounded(rows: Iterable[list[str]]) -> list[list[str]]:
    """The rows, refusing a file with more than MAX_ROWS non-blank data rows (the header is not counted)."""
    table: list[list[str]] = []
    filled = -1  # the header is the first non-blank row read
    for row in rows:
        table.append(row)
        if len(table) > MAX_LINES:
            raise TooLarge(f"행이 너무 많습니다 (빈 행을 포함해 최대 {MAX_LINES:,}행).")
        if any(row):
            filled += 1
            if filled > MAX_ROWS:
                raise TooLarge(f"행이 너무 많습니다 (최대 {MAX_ROWS:,}행).")
    return table


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # only an import of a spreadsheet pays for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile("XLSX 파일을 읽을 수 없습니다.") from error
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            yield [_cell(v) for v in row]
    except FileRefused:
        raise
    except Exception as error:  # the sheet's XML is read while iterating: a cut or broken sheet fails here
        raise UnreadableFile("XLSX 파일을 읽을 수 없습니다.") from error
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(decode_text(data), newline=""))
    try:
        for row in reader:
            yield [cell.strip() for cell in row]
    except csv.Error as error:  # e.g. one field larger than the csv module's limit (128 KB)
        raise UnreadableFile("CSV 파일을 읽을 수 없습니다 (깨진 형식이거나 칸 하나가 너무 큽니다).") from error


def read_table(data: bytes) -> list[list[str]]:
    """All rows of the file's first sheet as stripped strings; row 0 is the header."""
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(f"파일이 너무 큽니다 (최대 {MAX_FILE_BYTES // (1024 * 1024)}MB).")
    if data.startswith(XLSX_MAGIC):
        return _bounded(_xlsx_rows(data))
    return _bounded(_csv_rows(data))


def _normal(header: str) -> str:
    return re.sub(r"\s+", "", header).lower()


@dataclass(frozen=True)
class Sheet:
    present: frozenset[str]  # fields whose column the file has
    rows: list[tuple[int, dict[str, str]]]  # (row number, field → text), blank rows left out


def map_columns(table: list[list[str]], columns: Sequence[Column], problems: list[Problem]) -> Sheet | None:
    if not table or not any(table[0]):
        problems.append(Problem(1, "", None, "머리글 행이 없습니다 (빈 파일)."))
        return None
    header = table[0]
    lookup = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            lookup[_normal(name)] = column
    position: dict[str, int] = {}
    for index, text in enumerate(header):
        column = lookup.get(_normal(text))
        if column is None:
            continue
        if column.field in position:
            problems.append(Problem(1, column.header, text, "같은 열이 두 번 있습니다."))
            continue
        position[column.field] = index
    for column in columns:
        if column.required and column.field not in position:
            problems.append(Problem(1, column.header, None, "필수 열이 없습니다."))
    if any(p.row == 1 for p in problems):
        return None
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        if not any(raw):
            continue
        rows.append((number, {f: (raw[i] if i < len(raw) else "") for f, i in position.items()}))
    return Sheet(frozenset(position), rows)


def _has_control(text: str) -> bool:
    return forbidden_in_line(text) is not None  # what no single line of free text may hold, API or roster


def _cells(sheet: Sheet, columns: Iterable[Column], problems: list[Problem]) -> None:
    """Every cell: no control characters (NUL, line breaks …), no more than the column's length, a value where one
    is required. A bad cell is blanked so the checks of its format that follow do not report it twice."""
    for number, values in sheet.rows:
        for column in columns:
            if column.field not in sheet.present:
                continue
            text = values[column.field]
            if _has_control(text):
                problems.append(Problem(number, column.header, text, "제어 문자(줄바꿈, NUL 등)는 쓸 수 없습니다."))
                values[column.field] = ""
            elif len(text) > column.max_length:
                problems.append(Problem(number, column.header, text,
                                        f"{column.max_length}자 이하여야 합니다 (지금 {len(text)}자)."))
                values[column.field] = ""
            elif column.value_required and not text:
                problems.append(Problem(number, column.header, "", "값이 비어 있습니다."))


def _duplicates(sheet: Sheet, column: Column, problems: list[Problem]) -> None:
    first_seen: dict[str, int] = {}
    for number, values in sheet.rows:
        key = values[column.field]
        if not key:
            continue
        if key in first_seen:
            reason = f"파일 안에서 중복됩니다 ({first_seen[key]}행과 같음)."
            problems.append(Problem(number, column.header, key, reason))
        else:
            first_seen[key] = number


def normal_employee_no(text: str) -> str:
    """Cognito user names are case-insensitive: `a1` and `A1` are one person, kept as `A1`."""
    return text.strip().upper()


# ---------------------------------------------------------------- departments
def parse_departments(data: bytes, *, kinds: Sequence[str]) -> tuple[list[DepartmentRow], list[Problem]]:
    """Raises `FileRefused` for a file that cannot be read at all."""
    problems: list[Problem] = []
    sheet = map_columns(read_table(data), DEPARTMENT_COLUMNS, problems)
    if sheet is None:
        return [], problems
    col = {c.field: c for c in DEPARTMENT_COLUMNS}
    _cells(sheet, DEPARTMENT_COLUMNS, problems)
    _duplicates(sheet, col["code"], problems)
    head_given = "head" in sheet.present
    rows = []
    for number, v in sheet.rows:
        if v["code"] and not _CODE.match(v["code"]):
            problems.append(Problem(number, col["code"].header, v["code"], "부서코드는 영문·숫자·-·_ 20자 이내입니다."))
        if v["kind"] and v["kind"] not in kinds:
            problems.append(Problem(number, col["kind"].header, v["kind"],
                                    f"허용된 구분이 아닙니다 ({', '.join(kinds)})."))
        head = normal_employee_no(v.get("head") or "") or None
        if head and not _EMPLOYEE_NO.match(head):
            problems.append(Problem(number, col["head"].header, head, "사번 형식이 아닙니다."))
        rows.append(DepartmentRow(number, v["code"], v["name"], v["bureau"], v["kind"], head, head_given))
    return rows, sorted(problems, key=lambda p: p.row)


# ---------------------------------------------------------------- staff
def parse_grade(text: str) -> int | None:
    """'6', '6급' → 6; blank or '없음' → None (공무직, 임기제 …). Raises ValueError otherwise."""
    text = text.strip()
    if text in _NO_GRADE:
        return None
    match = re.fullmatch(r"([1-9])\s*급?", text)
    if not match:
        raise ValueError(text)
    return int(match.group(1))


def parse_flag(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(text)


def parse_roles(text: str) -> tuple[list[str], list[str]]:
    """'audit; committee' → (['audit', 'committee'], []); unknown or not assignable ones come back second."""
    good, bad = [], []
    for part in re.split(r"[;,]", text):
        role = part.strip().lower()
        if not role:
            continue
        (good if role in ROSTER_ROLES else bad).append(role)
    return sorted(set(good)), sorted(set(bad))


def parse_date(text: str) -> date | None:
    """'2026-01-01', '2026.01.01', '2026/1/1', '20260101' → a date; blank → None. Raises ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise ValueError(text)
    year, month, day = (int(g) for g in match.groups() if g is not None)
    return date(year, month, day)


def plausible_phone(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return bool(_PHONE.match(text)) and 7 <= digits <= 15


def plausible_email(text: str) -> bool:
    return len(text) <= 254 and bool(_EMAIL.match(text)) and ".." not in text


def parse_staff(data: bytes, *, employment_types: Sequence[str]) -> tuple[list[StaffRow], list[Problem]]:
    """Raises `FileRefused` for a file that cannot be read at all."""
    problems: list[Problem] = []
    sheet = map_columns(read_table(data), STAFF_COLUMNS, problems)
    if sheet is None:
        return [], problems
    col = {c.field: c for c in STAFF_COLUMNS}
    _cells(sheet, STAFF_COLUMNS, problems)
    for _number, values in sheet.rows:
        values["employee_no"] = normal_employee_no(values["employee_no"])
    _duplicates(sheet, col["employee_no"], problems)
    rows = []
    for number, v in sheet.rows:
        def bad(field: str, value: Any, reason: str, number: int = number) -> None:
            problems.append(Problem(number, col[field].header, value, reason))

        if v["employee_no"] and not _EMPLOYEE_NO.match(v["employee_no"]):
            bad("employee_no", v["employee_no"], "사번은 영문·숫자·- 20자 이내입니다.")
        grade = None
        try:
            grade = parse_grade(v["grade"])
        except ValueError:
            bad("grade", v["grade"], "직급은 1~9 (예: 6 또는 6급) 이거나 비워 두어야 합니다.")
        if v["employment_type"] and v["employment_type"] not in employment_types:
            bad("employment_type", v["employment_type"],
                f"허용된 고용형태가 아닙니다 ({', '.join(employment_types)}).")
        team_leader = False
        if "team_leader" in sheet.present:
            try:
                team_leader = parse_flag(v["team_leader"])
            except ValueError:
                bad("team_leader", v["team_leader"], "팀장여부는 Y/N, 예/아니오 또는 빈칸입니다.")
        roles: tuple[str, ...] | None = None
        if "roles" in sheet.present:
            good, unknown = parse_roles(v["roles"])
            for role in unknown:
                reason = ("부서장은 부서 파일의 부서장사번으로 정합니다." if role == Role.DEPT_HEAD
                          else f"알 수 없는 역할입니다 (허용: {', '.join(sorted(ROSTER_ROLES))}).")
                bad("roles", role, reason)
            roles = tuple(good)
        phone = v.get("phone") or None
        if phone and not plausible_phone(phone):
            bad("phone", phone, "전화번호 형식이 아닙니다 (숫자 7~15자리, - + ( ) 공백).")
        email = v.get("email") or None
        if email and not plausible_email(email):
            bad("email", email, "이메일 형식이 아닙니다.")
        term: dict[str, date | None] = {"term_start": None, "term_end": None}
        for field in term:
            try:
                term[field] = parse_date(v.get(field, ""))
            except ValueError:
                bad(field, v[field], "날짜 형식(예: 2026-01-01)이 아닙니다.")
        start, end = term["term_start"], term["term_end"]
        written = [f for f in term if v.get(f)]
        if len(written) == 1 and term[written[0]] is not None:
            missing = "term_end" if written == ["term_start"] else "term_start"
            bad(missing, "", "위원 임기는 시작일과 종료일을 함께 적어야 합니다.")
        elif start and end and end < start:
            bad("term_end", v["term_end"], "임기 종료일이 시작일보다 빠릅니다.")
        if start and roles is not None and Role.COMMITTEE not in roles:
            bad("term_start", v["term_start"], "위원 임기는 역할에 committee가 있을 때만 적습니다.")
        rows.append(StaffRow(
            row=number, employee_no=v["employee_no"], name=v["name"], department=v["department"], grade=grade,
            employment_type=v["employment_type"], team_leader=team_leader, roles=roles, phone=phone, email=email,
            has_phone="phone" in sheet.present, has_email="email" in sheet.present,
            term_start=start if start and end else None, term_end=end if start and end else None,
            seconded_from=v.get("seconded_from") or None, has_seconded_from="seconded_from" in sheet.present,
        ))
    return rows, sorted(problems, key=lambda p: p.row)


def header_of(kind: str, field: str) -> str:
    columns = DEPARTMENT_COLUMNS if kind == "departments" else STAFF_COLUMNS
    return next(c.header for c in columns if c.field == field)
