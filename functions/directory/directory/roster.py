"""Reading the HR export: CSV (UTF-8 with or without BOM, or CP949/EUC-KR) or XLSX, with Korean headers.

This module turns file bytes into typed rows and lists every problem it finds, row by row. It checks each row on its
own (required values, formats, allowed codes, duplicates within the file); checks against the directory's current
state (does the department exist, is the head a member) are in `logic`.
Row numbers are as a person sees them in a spreadsheet: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from common.identity import Role

XLSX_MAGIC = b"PK\x03\x04"

# Roles a roster may assign. `staff` is everyone's, `dept_head` follows from the departments file (or PUT roles),
# `resident` is not staff.
ROSTER_ROLES = frozenset({Role.AUDIT, Role.COMMITTEE, Role.HR, Role.ADMIN, Role.PANEL})

_TRUE = {"y", "yes", "예", "o", "true", "1", "팀장"}
_FALSE = {"", "n", "no", "아니오", "아니요", "x", "false", "0"}
_NO_GRADE = {"", "없음", "-", "무"}
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
_EMPLOYEE_NO = re.compile(r"^[A-Za-z0-9-]{1,20}$")
_PHONE = re.compile(r"^[0-9+()\- ]{7,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    value: Any
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Korean header, used in every message
    aliases: tuple[str, ...] = ()
    required: bool = True  # the column must be present
    value_required: bool = True  # a present column must have a value in every row


DEPARTMENT_COLUMNS = (
    Column("code", "부서코드", ("code", "department_code")),
    Column("name", "부서명", ("name",)),
    Column("bureau", "국실", ("bureau", "국/실")),
    Column("kind", "구분", ("kind",)),
    Column("head", "부서장사번", ("head", "head_employee_no"), required=False, value_required=False),
)

STAFF_COLUMNS = (
    Column("employee_no", "사번", ("employee_no",)),
    Column("name", "성명", ("name", "이름")),
    Column("department", "부서코드", ("department", "부서")),
    Column("grade", "직급", ("grade",), value_required=False),
    Column("employment_type", "고용형태", ("employment_type",)),
    Column("team_leader", "팀장여부", ("team_leader",), required=False, value_required=False),
    Column("roles", "역할", ("roles",), required=False, value_required=False),
    Column("phone", "전화", ("phone", "전화번호"), required=False, value_required=False),
    Column("email", "이메일", ("email",), required=False, value_required=False),
)


@dataclass(frozen=True)
class DepartmentRow:
    row: int
    code: str
    name: str
    bureau: str
    kind: str
    head: str | None


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


class UnreadableFile(Exception):
    pass


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
    return str(value).strip()


def read_table(data: bytes) -> list[list[str]]:
    """All rows of the file's first sheet as stripped strings; row 0 is the header."""
    if data.startswith(XLSX_MAGIC):
        from openpyxl import load_workbook  # only an import of a spreadsheet pays for it

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise UnreadableFile("XLSX 파일을 읽을 수 없습니다.") from error
        try:
            sheet = workbook.worksheets[0]
            return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    text = decode_text(data)
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]


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


def _required_values(sheet: Sheet, columns: Iterable[Column], problems: list[Problem]) -> None:
    for number, values in sheet.rows:
        for column in columns:
            if column.field in sheet.present and column.value_required and not values[column.field]:
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


# ---------------------------------------------------------------- departments
def parse_departments(data: bytes, *, kinds: Sequence[str]) -> tuple[list[DepartmentRow], list[Problem]]:
    problems: list[Problem] = []
    try:
        sheet = map_columns(read_table(data), DEPARTMENT_COLUMNS, problems)
    except UnreadableFile as error:
        return [], [Problem(1, "", None, str(error))]
    if sheet is None:
        return [], problems
    col = {c.field: c for c in DEPARTMENT_COLUMNS}
    _required_values(sheet, DEPARTMENT_COLUMNS, problems)
    _duplicates(sheet, col["code"], problems)
    rows = []
    for number, v in sheet.rows:
        if v["code"] and not _CODE.match(v["code"]):
            problems.append(Problem(number, col["code"].header, v["code"], "부서코드는 영문·숫자·-·_ 20자 이내입니다."))
        if v["kind"] and v["kind"] not in kinds:
            problems.append(Problem(number, col["kind"].header, v["kind"],
                                    f"허용된 구분이 아닙니다 ({', '.join(kinds)})."))
        head = v.get("head") or None
        if head and not _EMPLOYEE_NO.match(head):
            problems.append(Problem(number, col["head"].header, head, "사번 형식이 아닙니다."))
        rows.append(DepartmentRow(number, v["code"], v["name"], v["bureau"], v["kind"], head))
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
    return sorted(set(good)), bad


def parse_staff(data: bytes, *, employment_types: Sequence[str]) -> tuple[list[StaffRow], list[Problem]]:
    problems: list[Problem] = []
    try:
        sheet = map_columns(read_table(data), STAFF_COLUMNS, problems)
    except UnreadableFile as error:
        return [], [Problem(1, "", None, str(error))]
    if sheet is None:
        return [], problems
    col = {c.field: c for c in STAFF_COLUMNS}
    _required_values(sheet, STAFF_COLUMNS, problems)
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
        if phone and not _PHONE.match(phone):
            bad("phone", phone, "전화번호 형식이 아닙니다.")
        email = v.get("email") or None
        if email and not _EMAIL.match(email):
            bad("email", email, "이메일 형식이 아닙니다.")
        rows.append(StaffRow(
            row=number, employee_no=v["employee_no"], name=v["name"], department=v["department"], grade=grade,
            employment_type=v["employment_type"], team_leader=team_leader, roles=roles, phone=phone, email=email,
            has_phone="phone" in sheet.present, has_email="email" in sheet.present,
        ))
    return rows, sorted(problems, key=lambda p: p.row)


def header_of(kind: str, field: str) -> str:
    columns = DEPARTMENT_COLUMNS if kind == "departments" else STAFF_COLUMNS
    return next(c.header for c in columns if c.field == field)
