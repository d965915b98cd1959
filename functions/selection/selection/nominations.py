"""Nominations, during the cycle's nomination phase: residents through their sign-in (one per resident per nominee
per cycle: the nomination's id is derived from the three, so a second put fails its condition), department heads for
their own staff, the unit for contest winners. The nominee must be on the staff projection and eligible; a
friendliness-only nomination is taken and set aside with its reason. A resident sees their own nominations only."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from common.clock import now
from common.county import county
from common.errors import Forbidden, NotFound, RuleViolation
from common.events import EventEnvelope
from common.identity import Caller, Role
from contracts.residents import ResidentWithdrawn
from selection import staff
from selection.rules import eligibility, nominations, phases
from selection.rules.eligibility import ExclusionKind
from selection.rules.nominations import Channel, Draft, Kind
from selection.rules.offices import require_unit, rules, unit
from selection.rules.phases import Phase
from selection.rules.voters import verified
from selection.storage import cycles as cycle_store
from selection.storage import nominations as stored
from selection.storage.items import NominationItem

if TYPE_CHECKING:  # request bodies as types only: an event or a job never loads the HTTP bodies
    from selection.models import NominationIn, StaffNominationIn

NOT_FOUND = NotFound("추천이 없습니다.", code="NOMINATION_NOT_FOUND")


def by_staff(who: Caller, cycle_id: str, body: StaffNominationIn) -> NominationItem:
    """A department head nominates their own staff; the unit enters a contest winner."""
    channel = Channel(body.channel)
    nominee = staff.nominee(body.employee_no)
    if channel == Channel.DEPARTMENT:
        who.require(Role.DEPT_HEAD)
        nominations.check_head_nominates_own_staff(who.department, nominee.department)
        nominator = f"head:{who.employee_no}"
    else:
        require_unit(who)
        nominator = f"unit:{who.employee_no}"
    return _nominate(cycle_id, body, channel, nominator, nominee, nomination_id=uuid4().hex, expires=None)


def by_resident(who: Caller, cycle_id: str, body: NominationIn, claims: dict[str, Any]) -> NominationItem:
    """A signed-in resident's nomination (the county's verification level for nominations)."""
    if not who.has(Role.RESIDENT):
        raise Forbidden("주민만 추천할 수 있습니다.", code="NOT_A_RESIDENT")
    feature = county().residents.nomination
    if not verified(feature.verification, claims):
        raise Forbidden("추천하려면 본인 확인이 더 필요합니다.", code="VERIFICATION_REQUIRED",
                        details={"verification": feature.verification.value})
    digest = hashlib.sha256(f"{cycle_id}\x00{who.subject}\x00{body.employee_no}".encode()).hexdigest()[:32]
    expires = now() + timedelta(days=feature.retention_days)
    return _nominate(cycle_id, body, Channel.RESIDENT, f"resident:{who.subject}", staff.nominee(body.employee_no),
                     nomination_id=f"R{digest}", expires=expires)


def _nominate(cycle_id: str, body: NominationIn, channel: Channel, nominator: str, nominee: eligibility.Nominee, *,
              nomination_id: str, expires: datetime | None) -> NominationItem:
    section = rules()
    cycle = cycle_store.existing(cycle_id)
    phases.require(Phase(cycle.phase), Phase.NOMINATION, action="추천")
    set_aside = nominations.check(Draft(channel, body.employee_no, body.criterion, Kind(body.kind)), section)
    if (why := eligibility.ineligible(nominee, section)) is not None:
        raise RuleViolation(why[1], code=why[0], details={"employee_no": body.employee_no})
    item = NominationItem.new(
        nomination_id, cycle_id, body.employee_no, channel=channel.value, nominee_name=body.nominee_name,
        department=nominee.department, criterion=body.criterion, kind=body.kind, case_title=body.case_title,
        achievement=body.achievement, evidence=list(body.evidence), nominator=nominator,
        flagship_task=getattr(body, "flagship_task", None),  # staff channels only: a resident cannot claim one
        set_aside=ExclusionKind.FRIENDLINESS_ONLY.value if set_aside else None, created_at=now().isoformat(),
        expiration=expires, resident=nominator.removeprefix("resident:") if channel == Channel.RESIDENT else None)
    stored.add(item)
    return item


def forget_resident(envelope: EventEnvelope) -> None:
    """ResidentWithdrawn: the resident's nominations keep their content and lose who made them (one index query)."""
    if envelope.detail_type != ResidentWithdrawn.detail_type():
        return
    withdrawn = ResidentWithdrawn.of(envelope)
    for item in stored.of_resident(withdrawn.resident_id):
        stored.unlink(item, "resident:withdrawn")


def read_own(who: Caller, nomination_id: str) -> NominationItem:
    """A resident reads their own nomination; anyone else's is refused as if it did not exist for them."""
    if not who.has(Role.RESIDENT):
        raise Forbidden("주민만 볼 수 있습니다.", code="NOT_A_RESIDENT")
    item = stored.get(nomination_id)
    if item is None:
        raise NOT_FOUND
    if item.nominator != f"resident:{who.subject}":
        raise Forbidden("본인의 추천만 볼 수 있습니다.", code="NOT_YOURS")
    return item


def listing(who: Caller, cycle_id: str) -> list[NominationItem]:
    """The cycle's nominations (the unit's review)."""
    who.require(*unit())
    return stored.of_cycle(cycle_id)
