"""Who the selection knows: the staff projection kept from the directory's events (eligibility, departments), and
each person's exclusions — from complaints' confirmed passive-administration cases (automatic) and from the unit by
hand with a reason."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from common.clock import now, today
from common.errors import InvalidInput
from common.events import EventEnvelope
from common.identity import Caller
from common.observability import logger
from contracts.complaints import PassiveAdministrationConfirmed
from contracts.directory import employee_event
from selection.rules import eligibility, phases
from selection.rules.eligibility import Exclusion, ExclusionKind, Nominee
from selection.rules.offices import require_unit, rules
from selection.storage import staff as stored
from selection.storage.items import ExclusionItem, StaffItem

if TYPE_CHECKING:  # the body's type only: the projection consumers never load the HTTP bodies
    from selection.models import ExclusionIn


def apply_directory(envelope: EventEnvelope) -> None:
    """EmployeeJoined / EmployeeChanged / EmployeeLeft → the projection (the newer version wins)."""
    event = employee_event(envelope)
    if event is None:
        return
    known = stored.get(event.employee_no)  # a leaver's event carries no employment type: the last one stays
    employment_type = getattr(event, "employment_type", None) or (known.employment_type if known else None)
    stored.apply(StaffItem(*StaffItem.key(event.employee_no), employee_no=event.employee_no,
                           department=event.department, employment_type=employment_type, active=event.active,
                           version=event.version,
                           seconded_from=getattr(event, "seconded_from", known.seconded_from if known else None)))


def apply_passive_case(envelope: EventEnvelope) -> None:
    """PassiveAdministrationConfirmed → the official's exclusions (the case until its `bars_until`, its caution,
    warning or discipline for the county's periods), each keyed by the event so a replay records them once."""
    if envelope.detail_type != PassiveAdministrationConfirmed.detail_type() or rules_or_none() is None:
        return
    case = PassiveAdministrationConfirmed.of(envelope)
    found = eligibility.from_passive_case(case.employee_no, measure=case.measure.value, confirmed_on=case.confirmed_on,
                                          bars_until=case.bars_until, section=rules(),
                                          source=f"complaints:{case.case_id}:{case.liability}")
    for exclusion in found:
        _save(exclusion, cycle_id=None)
    logger.info("selection exclusions from a passive-administration case", extra={"count": len(found)})


def exclude_by_hand(who: Caller, cycle_id: str, body: ExclusionIn) -> Exclusion:
    """The unit excludes a nominee with a reason: for this cycle (manual) or a discipline HR keeps (its period)."""
    require_unit(who)
    phases.parse_cycle_id(cycle_id)
    source = f"unit:{who.employee_no}:{cycle_id}:{body.kind}:{now().strftime('%Y%m%d%H%M%S%f')}"
    if body.kind == "discipline":
        if body.on is None:
            raise InvalidInput("징계일(on)을 적어 주세요.", code="DAY_REQUIRED")
        exclusion = eligibility.discipline(body.employee_no, on=body.on, reason=body.reason,
                                           section=rules(), source=source)
        _save(exclusion, cycle_id=None)
    else:
        exclusion = Exclusion(body.employee_no, ExclusionKind.MANUAL, body.reason, None, source)
        _save(exclusion, cycle_id=cycle_id)
    return exclusion


def nominee(employee_no: str) -> Nominee:
    item = stored.get(employee_no)
    if item is None:
        return Nominee(employee_no, None, None, active=False)
    return Nominee(employee_no, item.department, item.employment_type, bool(item.active))


def exclusions_of(employee_no: str, cycle_id: str, on: date | None = None) -> list[Exclusion]:
    """The exclusions barring this person in this cycle on `on` (default today)."""
    found = [Exclusion(i.employee_no, ExclusionKind(i.kind), i.reason,
                       date.fromisoformat(i.until) if i.until else None, i.source)
             for i in stored.exclusions(employee_no) if i.cycle_id in (None, cycle_id)]
    return eligibility.barring(found, on or today())


def rules_or_none():
    from common.county import county

    return county().selection


def _save(exclusion: Exclusion, *, cycle_id: str | None) -> None:
    stored.add_exclusion(ExclusionItem.of(exclusion.employee_no, exclusion.source, exclusion.kind.value,
                                          reason=exclusion.reason,
                                          until=exclusion.until.isoformat() if exclusion.until else None,
                                          cycle_id=cycle_id, at=now().isoformat()))
