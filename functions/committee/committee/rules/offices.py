"""Who acts for the county in the committee, and who a caller is on it.

The secretariat (간사: agenda items, meetings, sittings, attendance, votes from signed papers, resolutions) is the
office the county maps to `committee.secretariat` (`common.offices`; default the committee secretary). A member is
a caller whose sign-in names them: staff by employee number (`EMP-<no>`, as the directory's ex-officio id); a
civilian member's sign-in, created by the secretary, carries their roster id (`CIV-…`) as its employee number."""

from __future__ import annotations

from common.county import county
from common.county_committee import CommitteeSection
from common.errors import RuleViolation
from common.identity import Caller, Role
from common.offices import Duty

CIVILIAN_PREFIX = "CIV-"


def secretariat() -> tuple[Role, ...]:
    return county().offices.roles(Duty.COMMITTEE_SECRETARIAT)


def is_secretary(who: Caller) -> bool:
    return who.has(*secretariat())


def member_id(employee_no: str) -> str:
    """The committee's id of a member with this sign-in number (the directory's ids)."""
    return employee_no if employee_no.startswith(CIVILIAN_PREFIX) else f"EMP-{employee_no}"


def member_of(who: Caller) -> str | None:
    """The caller's member id on the committee, if they may be a member at all (staff token or committee role)."""
    if who.employee_no is None or not who.has(Role.STAFF, Role.COMMITTEE):
        return None
    return member_id(who.employee_no)


def rules() -> CommitteeSection:
    """The county file's `committee` section; a county without one runs no committee."""
    section = county().committee
    if section is None:
        raise RuleViolation("이 지자체 설정에는 적극행정위원회가 없습니다.", code="COMMITTEE_NOT_CONFIGURED")
    return section
