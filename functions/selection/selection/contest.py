"""The government-wide contest export (범정부 경진대회): a contest cycle's awarded cases, the officials' and the
departments', as CSV or XLSX through the awardees' writer (formula-safe). The dedicated unit only."""

from __future__ import annotations

from common.errors import Conflict
from common.identity import Caller
from selection import departments
from selection.rules import contest, exports
from selection.rules.contest import Case
from selection.rules.nominations import Channel
from selection.rules.offices import require_unit, rules
from selection.rules.phases import Phase
from selection.storage import candidates as candidate_store
from selection.storage import cycles as cycle_store
from selection.storage import nominations as nomination_store


def cases(who: Caller, cycle_id: str) -> list[tuple[object, ...]]:
    """The contest cycle's awarded cases as the file's rows (`rules.contest.HEADER`), officials first."""
    require_unit(who)
    section = rules()
    contest.require_contest_cycle(cycle_id, section)
    cycle = cycle_store.existing(cycle_id)  # a round the county has not opened: 404
    if cycle.phase not in (Phase.INCENTIVES.value, Phase.CLOSED.value):
        raise Conflict("위원회가 선발한 뒤에 낼 수 있습니다.", code="NOT_SELECTED_YET", details={"phase": cycle.phase})
    return contest.rows(cycle_id, _officials(cycle_id, section) + _departments(cycle_id), section)


def export(who: Caller, cycle_id: str, kind: str = "csv") -> bytes:
    found = cases(who, cycle_id)
    return (exports.awardees_xlsx(found, title=f"{cycle_id} 경진대회", header=contest.HEADER) if kind == "xlsx"
            else exports.awardees_csv(found, header=contest.HEADER))


def _officials(cycle_id: str, section) -> list[Case]:
    """Each awardee's case as the review chose it (a department or contest nomination before a resident's)."""
    awardees = candidate_store.awardees(cycle_id)
    by_nominee: dict[str, list] = {}
    for n in nomination_store.of_cycle(cycle_id):
        if n.set_aside is None:
            by_nominee.setdefault(n.employee_no, []).append(n)
    cases = []
    for a in awardees:
        found = sorted(by_nominee.get(a.employee_no, []),
                       key=lambda n: (n.case_title != a.case_title, n.channel == Channel.RESIDENT.value, n.created_at))
        lead = found[0] if found else None
        tier = section.tier(a.tier or "")
        cases.append(Case("우수공무원", a.criterion, a.case_title, lead.achievement if lead else "",
                          tuple(lead.evidence or []) if lead else (), a.department or "",
                          f"{a.name} ({a.employee_no})", tier.name if tier else a.tier or ""))
    return cases


def _departments(cycle_id: str) -> list[Case]:
    return [Case("우수부서", c.criterion, c.case_title, c.achievement, tuple(c.evidence or []), c.department,
                 c.department_name + (f" ({', '.join(c.staff)})" if c.staff else ""), tier.name if tier else c.tier)
            for c, tier in departments.awarded(cycle_id)]
