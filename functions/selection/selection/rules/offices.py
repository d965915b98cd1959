"""Who acts for the county in the selection: the dedicated unit (`selection.unit`: cycles, review, exclusions, plans
and their confirmation) and HR (`selection.hr`: grants the personnel incentives), as the county file maps them."""

from __future__ import annotations

from common.county import county
from common.county_selection import SelectionSection
from common.errors import RuleViolation
from common.identity import Caller, Role
from common.offices import Duty


def unit() -> tuple[Role, ...]:
    return county().offices.roles(Duty.SELECTION_UNIT)


def hr() -> tuple[Role, ...]:
    return county().offices.roles(Duty.SELECTION_HR)


def require_unit(who: Caller) -> Caller:
    return who.require(*unit())


def require_hr(who: Caller) -> Caller:
    return who.require(*hr())


def rules() -> SelectionSection:
    section = county().selection
    if section is None:
        raise RuleViolation("이 지자체 설정에는 우수공무원 선발이 없습니다.", code="SELECTION_NOT_CONFIGURED")
    return section
