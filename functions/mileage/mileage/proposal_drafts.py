"""Drafts from other areas' events (consumer `on_other_area_event`): each county event rule an event matches writes a
DRAFT proposal for the official it names, once per event and rule. Only the staff projection, the policy and the
proposal's storage load here; confirming and dismissing a draft (the grant feature, the HTTP bodies) are
`proposals.py`'s, for the API."""

from __future__ import annotations

import hashlib
from typing import Any

from common.clock import now, to_kst
from common.county_mileage import EventRule
from common.events import EventEnvelope
from common.observability import logger
from mileage import staff
from mileage.rules import policy as rules
from mileage.storage import proposals as stored
from mileage.storage.items import Proposal
from mileage.storage.staff import get_staff


def proposal_id(envelope: EventEnvelope, rule: EventRule) -> str:
    """Deterministic: the same event under the same rule always gives the same proposal (a replay cannot double it)."""
    source = f"{envelope.id}|{rule.source}|{rule.detail_type}|{rule.item_code}|{rule.employee_field}"
    return hashlib.sha256(source.encode()).hexdigest()[:32]


# ------------------------------------------------------------------------------------------------ from events
def draft_from_event(envelope: EventEnvelope) -> list[str]:
    """Write a DRAFT for every configured rule the event matches; returns the new proposal ids. An employee mileage
    does not know (or who may not earn) is logged and skipped: retrying would not change that."""
    section = rules._cached_policy()
    if section is None:
        return []
    drafted = []
    for rule in section.event_rules:
        if (rule.source, rule.detail_type) != (envelope.source, envelope.detail_type):
            continue
        item = _draft(envelope, rule, section)
        if item is None:
            continue
        if stored.save_proposal(item):
            drafted.append(item.proposal_id)
            logger.info("proposal drafted", extra={"proposal_id": item.proposal_id, "event_id": envelope.id})
        else:
            logger.info("proposal exists (replayed event)", extra={"proposal_id": item.proposal_id})
    return drafted


def _skip(envelope: EventEnvelope, why: str, **extra: Any) -> None:
    logger.warning("event rule skipped", extra={"event_id": envelope.id, "detail_type": envelope.detail_type,
                                                "why": why, **extra})


def _draft(envelope: EventEnvelope, rule: EventRule, section: Any) -> Proposal | None:
    number = envelope.data.get(rule.employee_field)
    if not number:
        _skip(envelope, "no employee number", field=rule.employee_field)
        return None
    member = get_staff(str(number))
    if member is None or not member.department:
        _skip(envelope, "unknown employee", employee_no=str(number))
        return None
    why = rules.ineligibility(section.earners, staff.facts(member))
    if why:
        _skip(envelope, "not eligible", employee_no=str(number))
        return None
    item = section.item(rule.item_code)
    reference = envelope.data.get(rule.ref_field) if rule.ref_field else None
    act_ref = f"{envelope.source}:{reference}" if reference else f"EVENT:{envelope.id}"
    pid = proposal_id(envelope, rule)
    return Proposal.new(
        pid, status="DRAFT", event_id=envelope.id, source=envelope.source,
        detail_type=envelope.detail_type, employee_no=member.employee_no, department=member.department,
        item_code=rule.item_code, points=rule.points, act_title=rule.title or item.name,
        act_date=to_kst(envelope.occurred_at).date().isoformat(), act_ref=act_ref[:100],
        created_at=now().isoformat(), routed_to="office" if item.is_deduction else "head")
