"""The panel's review of one department's grants in a period: the tallies, and the flags worth a second look. No I/O:
grants are anything with `status`, `points`, `item_code`, `employee_no`, `department`, `partner_department` and
`grantor`.

- `concentration`: one person holds ≥ X % of the department's approved points (only with ≥ N grants);
- `reciprocal`: two departments crediting their own staff for acts done with each other (each names the other as the
  grant's `partner_department`) in the same period — mutual inflation of inter-department items;
- `near_cap`: a person's, or the department's, cap-counted points (submitted + approved) are within Y % of the cap
  for the period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Edges = dict[tuple[str, str], list[Any]]  # (department, partner) → the department's grants naming the partner


@dataclass(frozen=True)
class Flag:
    type: str  # concentration | reciprocal | near_cap
    message: str
    employee_no: str | None = None
    with_department: str | None = None
    grantors: list[str] = field(default_factory=list)
    points: int | None = None
    limit: int | None = None
    percent: float | None = None


@dataclass
class Tally:
    grants: int = 0
    count: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # by status
    # by item: [grants, points, approved points]; by person: [grants, approved points, cap-counted points]
    items: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    people: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    credits: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # approved credit points (no deductions)

    @property
    def approved(self) -> int:
        return self.count["APPROVED"] + self.count["REVERSED"]

    @property
    def decided(self) -> int:
        return self.approved + self.count["REJECTED"]

    @property
    def approved_points(self) -> int:
        return sum(p[1] for p in self.people.values())


def tally(grants: list[Any]) -> Tally:
    counted = Tally(grants=len(grants))
    for g in grants:
        counted.count[g.status] += 1
    for g in grants:
        points = int(g.points)
        counted.items[g.item_code][0] += 1
        counted.items[g.item_code][1] += points
        counted.people[g.employee_no][0] += 1
        if g.status == "APPROVED":
            counted.items[g.item_code][2] += points
            counted.people[g.employee_no][1] += points
            counted.credits[g.employee_no] += max(points, 0)
        if g.status in ("SUBMITTED", "APPROVED") and points > 0:
            counted.people[g.employee_no][2] += points
    return counted


def edges(grants: Iterable[Any]) -> Edges:
    found: Edges = defaultdict(list)
    for grant in grants:
        if grant.partner_department and grant.partner_department != grant.department:
            found[(grant.department, grant.partner_department)].append(grant)
    return found


def _points(grants: list[Any]) -> int:
    return sum(int(g.points) for g in grants)


def flags(department: str, counted: Tally, edges: Edges, caps: tuple[int | None, int | None],
          limits: Any) -> list[Flag]:
    found: list[Flag] = []
    credited = sum(counted.credits.values())
    if counted.grants >= limits.concentration_min_grants and credited > 0:
        for number, points in sorted(counted.credits.items()):
            share = round(100 * points / credited, 1)
            if share >= limits.concentration_percent:
                found.append(Flag(type="concentration", employee_no=number, points=points, percent=share,
                                  message=f"{number} 직원이 부서 승인 점수의 {share}%를 받았습니다."))
    for (source, partner), outbound in sorted(edges.items()):
        inbound = edges.get((partner, source))
        if source != department or not inbound:
            continue
        sent, received = _points(outbound), _points(inbound)
        found.append(Flag(
            type="reciprocal", with_department=partner, points=sent,
            grantors=sorted({g.grantor for g in outbound} | {g.grantor for g in inbound}),
            message=f"{partner} 부서와 서로를 협업 상대로 점수를 주었습니다 "
                    f"(이 부서 {len(outbound)}건 {sent}점, {partner} {len(inbound)}건 {received}점)."))
    person_cap, department_cap = caps
    if person_cap:
        for number, (_, _, cap_points) in sorted(counted.people.items()):
            percent = round(100 * cap_points / person_cap, 1)
            if percent >= limits.near_cap_percent:
                message = f"{number} 직원이 한도({person_cap}점)의 {percent}%에 이르렀습니다."
                found.append(Flag(type="near_cap", employee_no=number, points=cap_points, limit=person_cap,
                                  percent=percent, message=message))
    cap_points = sum(p[2] for p in counted.people.values())
    percent = round(100 * cap_points / department_cap, 1) if department_cap else 0
    if department_cap and percent >= limits.near_cap_percent:
        found.append(Flag(type="near_cap", points=cap_points, limit=department_cap, percent=percent,
                          message=f"부서 한도({department_cap}점)의 {percent}%에 이르렀습니다."))
    return found
