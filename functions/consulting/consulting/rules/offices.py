"""Who acts for the county in consulting (`common.offices` duties; the county file maps each to an office), and the
county's consulting section."""

from __future__ import annotations

from common.county import county
from common.county_consulting import ConsultingSection
from common.errors import RuleViolation
from common.identity import Caller, Role
from common.offices import Duty


def section() -> ConsultingSection:
    """The county file's `consulting` section; a county without one runs no consulting."""
    found = county().consulting
    if found is None:
        raise RuleViolation("이 지자체 설정에는 사전컨설팅이 없습니다.", code="CONSULTING_NOT_CONFIGURED")
    return found


def roles(duty: Duty) -> tuple[Role, ...]:
    return county().offices.roles(duty)


def require(who: Caller, duty: Duty) -> Caller:
    """The caller holds an office that does `duty` here (403 ROLE_REQUIRED naming them otherwise)."""
    return who.require(*roles(duty))


def may(who: Caller, duty: Duty) -> bool:
    return who.has(*roles(duty))
