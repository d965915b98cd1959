"""Reads and writes of a resident's record: created on their first call, contact encrypted, its last use noted once a
day, its personal data erased when retention expires, everything erased on withdrawal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
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
                   last_used_at=kst(item.last_used_at), erased_at=kst(item.erased_at), **contact)


def get_or_create(resident_id: str, at: datetime) -> Profile:
    """The resident's record; on their first call, a new empty one (a conditional put: two first calls make one)."""
    item = find(ResidentItem, *ResidentItem.key(resident_id))
    if item is None:
        item = ResidentItem.of(resident_id, status=ACTIVE, created_at=at, last_used_at=at)
        try:
            with conditional():
                item.save(condition=ResidentItem.pk.does_not_exist())
        except Conflict:  # created meanwhile by the resident's other request
            item = ResidentItem.get(*ResidentItem.key(resident_id))
    return _profile(item)


def touch(profile: Profile, at: datetime, erase_at: datetime | None) -> Profile:
    """Note that the resident used the service at `at` and move the record's retention entry to `erase_at` (None: it
    holds no personal data), if the record is still as read (its version and last use): a request that loses the race
    to another one, or to the retention job, reads the record again instead."""
    item = ResidentItem.of(profile.resident_id, erase_at=erase_at)
    actions = [ResidentItem.last_used_at.set(at)]
    if erase_at is not None:
        actions += [ResidentItem.gsi2pk.set(item.gsi2pk), ResidentItem.gsi2sk.set(item.gsi2sk)]
    last_use = (ResidentItem.last_used_at.does_not_exist() if profile.last_used_at is None
                else ResidentItem.last_used_at == profile.last_used_at)
    try:
        with conditional():
            item.update(actions=actions, condition=(ResidentItem.status == ACTIVE)
                        & (ResidentItem.version == profile.version) & last_use)
    except Conflict:
        return _profile(ResidentItem.get(*ResidentItem.key(profile.resident_id)))
    return replace(profile, last_used_at=to_kst(at))


def save(profile: Profile, at: datetime, erase_at: datetime | None) -> Profile:
    """Write the record's contact and consent, if nobody changed it since `profile` was read (its version). Saving is a
    use: the record's last use is `at` and its retention entry `erase_at` (None: it holds no personal data)."""
    record = _record(profile.resident_id)
    item = ResidentItem.of(
        profile.resident_id, erase_at=erase_at, status=ACTIVE, created_at=profile.created_at,
        notify_by=profile.notify_by, consent_at=profile.consent_at, version=profile.version + 1, last_used_at=at,
        erased_at=profile.erased_at,
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


# --- retention: the records whose personal data is due for erasure -----------------------------------------------

@dataclass(frozen=True)
class Expiring:
    """A record found in the retention index: when it was made and last used, and its entry as read (the condition
    of what the job then does to it). Nothing of its contact: the job neither reads nor decrypts it."""

    resident_id: str
    created_at: datetime
    last_used_at: datetime | None
    entry: str


def expiring(moment: datetime) -> Iterator[Expiring]:
    """The records whose retention entry is at or before `moment`, oldest first: one Query of the sparse index."""
    for item in ResidentItem.by_erasure.query(ResidentItem.retention_partition(),
                                              ResidentItem.gsi2sk <= ResidentItem.due_before(moment)):
        yield Expiring(item.resident_id, to_kst(item.created_at),
                       to_kst(item.last_used_at) if item.last_used_at else None, item.gsi2sk)


def erase_personal_data(record: Expiring, at: datetime) -> bool:
    """Erase the contact and consent (and the retention entry), note when, if the entry is still as read: False when
    the resident used the service meanwhile (the entry moved), withdrew, or another run erased it first."""
    actions = [ResidentItem.email.remove(), ResidentItem.phone.remove(), ResidentItem.consent_at.remove(),
               ResidentItem.notify_by.set("none"), ResidentItem.erased_at.set(at), ResidentItem.version.add(1),
               ResidentItem.gsi2pk.remove(), ResidentItem.gsi2sk.remove()]
    return _if_entry_is(record, actions)


def move_retention(record: Expiring, erase_at: datetime) -> bool:
    """Move the retention entry to `erase_at` (the county lengthened its period), if it is still as read."""
    return _if_entry_is(record, [ResidentItem.gsi2sk.set(ResidentItem.retention_entry(record.resident_id, erase_at))])


def _if_entry_is(record: Expiring, actions: list) -> bool:
    try:
        with conditional():
            ResidentItem.of(record.resident_id).update(actions=actions, condition=ResidentItem.gsi2sk == record.entry)
    except Conflict:
        return False
    return True
