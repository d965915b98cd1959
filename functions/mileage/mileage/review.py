"""The panel's (평가단) review of how each department uses mileage in a period, with flags worth a second look:

- `concentration`: one person holds ≥ X % of the department's approved points (only with ≥ N grants);
- `reciprocal`: two departments crediting their own staff for acts done with each other (each names the other as the
  grant's `partner_department`) in the same period — mutual inflation of inter-department items;
- `near_cap`: a person's, or the department's, cap-counted points (submitted + approved) are within Y % of the cap
  for the period.

X, N and Y are the county's `mileage.review`. Grants come from index queries by date: one department's from the
department index (`DEPTGRANTS#<dept>`), every department's from the status index (`GRANTS#<status>`).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from common.identity import Caller, Role
from mileage.models import DepartmentReview, ItemTotal, PersonTotal, ReviewFlag, ReviewReport
from mileage.rules import policy as rules
from mileage.rules.periods import Window, parse_period
from mileage.storage import grants as stored
from mileage.storage.items import Grant

READERS = (Role.PANEL, Role.AUDIT)
COUNTED = ("SUBMITTED", "APPROVED", "REJECTED", "REVERSED")  # superseded grants were replaced by a higher one


def _grants(window: Window, department: str | None) -> list[Grant]:
    start, end = window.start.isoformat(), window.end.isoformat()
    if department:
        found = stored.department_grants_in_period(department, start, end)
    else:
        found = [g for status in COUNTED for g in stored.grants_in_period(status, start, end)]
    return [g for g in found if g.status in COUNTED]


def department_review(caller: Caller, period: str, department: str | None = None) -> ReviewReport:
    caller.require(*READERS)
    window = parse_period(period)
    section = rules.policy()
    grants = _grants(window, department)
    if department:  # the partners it named: their grants show whether they named it back
        for partner in sorted({g.partner_department for g in grants if g.partner_department} - {department}):
            grants += _grants(window, partner)
    edges: dict[tuple[str, str], list[Grant]] = defaultdict(list)
    for grant in grants:
        if grant.partner_department and grant.partner_department != grant.department:
            edges[(grant.department, grant.partner_department)].append(grant)
    by_department: dict[str, list[Grant]] = defaultdict(list)
    for grant in grants:
        if department is None or grant.department == department:
            by_department[grant.department].append(grant)
    caps = (getattr(section.caps.person, window.kind), getattr(section.caps.department, window.kind))
    reviews = [_review(name, items, edges, caps, section.review) for name, items in sorted(by_department.items())]
    return ReviewReport(period=window.label, start=window.start, end=window.end, departments=reviews)


def _points(grants: list[Grant]) -> int:
    return sum(int(g.points) for g in grants)


def _review(department: str, grants: list[Grant], edges: dict[tuple[str, str], list[Grant]],
            caps: tuple[int | None, int | None], limits) -> DepartmentReview:
    count = defaultdict(int)
    for g in grants:
        count[g.status] += 1
    approved = count["APPROVED"] + count["REVERSED"]
    decided = approved + count["REJECTED"]
    items: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    people: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    credits: dict[str, int] = defaultdict(int)  # approved points of credit items (deductions are not a share)
    for g in grants:
        points = int(g.points)
        items[g.item_code][0] += 1
        items[g.item_code][1] += points
        people[g.employee_no][0] += 1
        if g.status == "APPROVED":
            items[g.item_code][2] += points
            people[g.employee_no][1] += points
            credits[g.employee_no] += max(points, 0)
        if g.status in ("SUBMITTED", "APPROVED") and points > 0:
            people[g.employee_no][2] += points
    approved_points = sum(p[1] for p in people.values())
    flags: list[ReviewFlag] = []
    credited = sum(credits.values())
    if len(grants) >= limits.concentration_min_grants and credited > 0:
        for number, points in sorted(credits.items()):
            share = round(100 * points / credited, 1)
            if share >= limits.concentration_percent:
                flags.append(ReviewFlag(type="concentration", employee_no=number, points=points, percent=share,
                                        message=f"{number} 직원이 부서 승인 점수의 {share}%를 받았습니다."))
    for (source, partner), outbound in sorted(edges.items()):
        inbound = edges.get((partner, source))
        if source != department or not inbound:
            continue
        sent, received = _points(outbound), _points(inbound)
        flags.append(ReviewFlag(
            type="reciprocal", with_department=partner, points=sent,
            grantors=sorted({g.grantor for g in outbound} | {g.grantor for g in inbound}),
            message=f"{partner} 부서와 서로를 협업 상대로 점수를 주었습니다 "
                    f"(이 부서 {len(outbound)}건 {sent}점, {partner} {len(inbound)}건 {received}점)."))
    person_cap, department_cap = caps
    if person_cap:
        for number, (_, _, counted) in sorted(people.items()):
            percent = round(100 * counted / person_cap, 1)
            if percent >= limits.near_cap_percent:
                message = f"{number} 직원이 한도({person_cap}점)의 {percent}%에 이르렀습니다."
                flags.append(ReviewFlag(type="near_cap", employee_no=number, points=counted, limit=person_cap,
                                        percent=percent, message=message))
    counted = sum(p[2] for p in people.values())
    percent = round(100 * counted / department_cap, 1) if department_cap else 0
    if department_cap and percent >= limits.near_cap_percent:
        flags.append(ReviewFlag(type="near_cap", points=counted, limit=department_cap, percent=percent,
                                message=f"부서 한도({department_cap}점)의 {percent}%에 이르렀습니다."))
    return DepartmentReview(
        department=department, grants=len(grants), submitted=count["SUBMITTED"], approved=approved,
        rejected=count["REJECTED"], reversed=count["REVERSED"],
        approval_rate=round(approved / decided, 4) if decided else None, approved_points=approved_points,
        items=[ItemTotal(item_code=code, count=c, points=p, approved_points=a)
               for code, (c, p, a) in sorted(items.items())],
        people=[PersonTotal(employee_no=no, grants=c, approved_points=a, cap_points=k)
                for no, (c, a, k) in sorted(people.items())],
        flags=flags)


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

