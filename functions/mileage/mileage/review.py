"""The panel's (평가단) review of how each department uses mileage in a period: one report per department, with the
flags worth a second look (their rules: `rules.review`; X, N and Y are the county's `mileage.review`), and its
export as CSV or XLSX. Grants come from index queries by date: one department's from the department index, every
department's from the status index.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from common.identity import Caller
from mileage.models import DepartmentReview, ItemTotal, PersonTotal, ReviewFlag, ReviewReport
from mileage.rules import offices
from mileage.rules import policy as rules
from mileage.rules import review as review_rules
from mileage.rules.periods import Window, parse_period
from mileage.storage import grants as stored
from mileage.storage.items import Grant

COUNTED = ("SUBMITTED", "APPROVED", "REJECTED", "REVERSED")  # superseded grants were replaced by a higher one


def _grants(window: Window, department: str | None) -> list[Grant]:
    start, end = window.start.isoformat(), window.end.isoformat()
    if department:
        found = stored.department_grants_in_period(department, start, end)
    else:
        found = [g for status in COUNTED for g in stored.grants_in_period(status, start, end)]
    return [g for g in found if g.status in COUNTED]


def department_review(caller: Caller, period: str, department: str | None = None) -> ReviewReport:
    caller.require(*offices.overseers())
    window = parse_period(period)
    section = rules.policy()
    grants = _grants(window, department)
    if department:  # the partners it named: their grants show whether they named it back
        for partner in sorted({g.partner_department for g in grants if g.partner_department} - {department}):
            grants += _grants(window, partner)
    edges = review_rules.edges(grants)
    by_department: dict[str, list[Grant]] = defaultdict(list)
    for grant in grants:
        if department is None or grant.department == department:
            by_department[grant.department].append(grant)
    caps = (getattr(section.caps.person, window.kind), getattr(section.caps.department, window.kind))
    reviews = [_review(name, items, edges, caps, section.review) for name, items in sorted(by_department.items())]
    return ReviewReport(period=window.label, start=window.start, end=window.end, departments=reviews)


def _review(department: str, grants: list[Grant], edges: review_rules.Edges, caps: tuple[int | None, int | None],
            limits) -> DepartmentReview:
    counted = review_rules.tally(grants)
    flags = review_rules.flags(department, counted, edges, caps, limits)
    return DepartmentReview(
        department=department, grants=counted.grants, submitted=counted.count["SUBMITTED"],
        approved=counted.approved, rejected=counted.count["REJECTED"], reversed=counted.count["REVERSED"],
        approval_rate=round(counted.approved / counted.decided, 4) if counted.decided else None,
        approved_points=counted.approved_points,
        items=[ItemTotal(item_code=code, count=c, points=p, approved_points=a)
               for code, (c, p, a) in sorted(counted.items.items())],
        people=[PersonTotal(employee_no=no, grants=c, approved_points=a, cap_points=k)
                for no, (c, a, k) in sorted(counted.people.items())],
        flags=[_flag(flag) for flag in flags])


def _flag(flag: review_rules.Flag) -> ReviewFlag:
    values = {name: value for name, value in vars(flag).items() if value is not None and value != []}
    return ReviewFlag(**values)


# ------------------------------------------------------------------------------------------------ export
HEADER = ["부서", "구분", "항목·직원", "건수", "점수", "승인 점수", "비고"]


def rows(report: ReviewReport) -> list[list[object]]:
    """The report as one table (the same rows in CSV and XLSX)."""
    out: list[list[object]] = [HEADER]
    for d in report.departments:
        rate = f"승인률 {d.approval_rate * 100:.1f}%" if d.approval_rate is not None else "결정된 건 없음"
        out.append([d.department, "합계", "", d.grants, "", d.approved_points,
                    f"{rate} (승인 {d.approved}, 반려 {d.rejected}, 취소 {d.reversed}, 대기 {d.submitted})"])
        out += [[d.department, "항목", i.item_code, i.count, i.points, i.approved_points, ""] for i in d.items]
        out += [[d.department, "직원", p.employee_no, p.grants, p.cap_points, p.approved_points, ""] for p in d.people]
        out += [[d.department, "경고", f.type, "", f.points if f.points is not None else "", "", f.message]
                for f in d.flags]
    return out


def to_csv(report: ReviewReport) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Korean correctly."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows(report))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(report: ReviewReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"부서별 점검 {report.period}"[:31]
    for row in rows(report):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

