"""Reads and writes of a resident's record: created on their first call, contact encrypted, erased on withdrawal."""

from __future__ import annotations

from datetime import datetime

from common.clock import to_kst
from common.crypto import decrypt_field, encrypt_field
from common.dynamo import Transaction, TransactionCancelled, conditional, find
from common.errors import Conflict
from common.events import EventEnvelope
from residents.rules.profile import ACTIVE, WITHDRAWN, Profile
from residents.storage.items import Outbox, ResidentItem

CONTACT_FIELDS = ("email", "phone")


def _record(resident_id: str) -> str:
    return f"residents/{resident_id}"


def _profile(item: ResidentItem) -> Profile:
    contact = {name: decrypt_field(getattr(item, name), record=_record(item.resident_id), field=name)
               for name in CONTACT_FIELDS if getattr(item, name)}
    def kst(moment: datetime | None) -> datetime | None:
        return to_kst(moment) if moment else None

    return Profile(item.resident_id, item.status, to_kst(item.created_at), notify_by=item.notify_by,
                   consent_at=kst(item.consent_at), withdrawn_at=kst(item.withdrawn_at), version=int(item.version),
                   **contact)


def get_or_create(resident_id: str, at: datetime) -> Profile:
    """The resident's record; on their first call, a new empty one (a conditional put: two first calls make one)."""
    item = find(ResidentItem, *ResidentItem.key(resident_id))
    if item is None:
        item = ResidentItem.of(resident_id, status=ACTIVE, created_at=at)
        try:
            with conditional():
                item.save(condition=ResidentItem.pk.does_not_exist())
        except Conflict:  # created meanwhile by the resident's other request
            item = ResidentItem.get(*ResidentItem.key(resident_id))
    return _profile(item)


def save(profile: Profile) -> Profile:
    """Write the record's contact and consent, if nobody changed it since `profile` was read (its version)."""
    record = _record(profile.resident_id)
    item = ResidentItem.of(
        profile.resident_id, status=ACTIVE, created_at=profile.created_at, notify_by=profile.notify_by,
        consent_at=profile.consent_at, version=profile.version + 1,
        **{name: encrypt_field(value, record=record, field=name)
           for name in CONTACT_FIELDS if (value := getattr(profile, name))})
    with conditional(Conflict("다른 요청이 먼저 바꾸었습니다. 다시 시도해 주세요.", code="STALE")):
        item.save(condition=(ResidentItem.status == ACTIVE) & (ResidentItem.version == profile.version))
    return _profile(item)


def withdraw(resident_id: str, at: datetime, event: EventEnvelope) -> bool:
    """Replace the record by its tombstone (the id and when: every personal field gone) and write the event, in one
    transaction; False when the resident had already withdrawn (nothing written)."""
    tombstone = ResidentItem.of(resident_id, status=WITHDRAWN, created_at=at, withdrawn_at=at)
    try:
        not_yet = ResidentItem.status.does_not_exist() | (ResidentItem.status != WITHDRAWN)
        Transaction(outbox=Outbox).put(tombstone, condition=not_yet, label="record").event(event).commit()
    except TransactionCancelled as cancelled:
        if "record" in cancelled.labels:
            return False
        raise
    return True
