"""The AA committee roster: civilian members are written here; an ex-officio member's entry follows their staff
record (`storage.changes`), and only their gender is recorded here."""

from __future__ import annotations

from datetime import date

from common.clock import now
from common.crypto import decrypt_field, encrypt_field
from common.dynamo import Transaction, find
from common.errors import Conflict
from common.events import Event
from directory.rules.records import CommitteeMember, Staff
from directory.storage.items import COMMITTEE, CommitteeItem, Outbox


def committee() -> list[CommitteeMember]:
    return [item.domain() for item in CommitteeItem.query(COMMITTEE)]


def committee_member(member_id: str) -> CommitteeMember | None:
    item = find(CommitteeItem, *CommitteeItem.key(member_id))
    return item.domain() if item else None


def add_civilian_member(member: CommitteeMember, *, contact: str | None, added_by: str, event: Event) -> None:
    """A civilian member, once, with its event in the same transaction: the id is their natural key, so the same
    person for the same term is refused."""
    contact_enc = (encrypt_field(contact, record=CommitteeItem.contact_record(member.member_id), field="contact")
                   if contact else None)
    item = CommitteeItem.civilian_member(member, contact_enc=contact_enc, added_at=now().isoformat(),
                                         added_by=added_by)
    duplicate = Conflict("같은 성명·소속·임기 시작일의 위원이 이미 등록되어 있습니다.", code="ALREADY_MEMBER",
                         details={"member_id": member.member_id})
    tx = Transaction(outbox=Outbox).put(item, CommitteeItem.sk.does_not_exist(), label="member")
    tx.event(event.envelope())  # the committee's roster projection follows (contracts.directory)
    tx.commit(failures={"member": duplicate})


def reveal_contact(member: CommitteeMember) -> str | None:
    """A civilian member's contact in clear (for Cognito's invitation only; never logged)."""
    if not member.contact_enc:
        return None
    return decrypt_field(member.contact_enc, record=CommitteeItem.contact_record(member.member_id), field="contact")


def change_civilian_term(member: CommitteeMember, *, term_end: date, event: Event, by: str) -> None:
    """A civilian member's new term end, with its event, only over the entry as it was read."""
    item = CommitteeItem(*CommitteeItem.key(member.member_id))
    tx = Transaction(outbox=Outbox)
    tx.update(item, [CommitteeItem.term_end.set(term_end.isoformat()), CommitteeItem.added_by.set(by)],
              condition=(CommitteeItem.civilian == True) & (CommitteeItem.term_end == _iso(member.term_end)),  # noqa: E712
              label="member")
    tx.event(event.envelope())
    tx.commit(failures={"member": Conflict("위원 정보가 동시에 바뀌었습니다. 다시 시도해 주세요.",
                                           code="DIRECTORY_CHANGED", details={"member_id": member.member_id})})


def save_ex_officio(staff: Staff, *, gender: str, added_by: str) -> None:
    """Record the gender on a serving ex-officio member's entry (written in full if it predates the entries)."""
    item, actions = CommitteeItem.ex_officio(staff, gender=gender, at=now().isoformat(), source=added_by)
    item.update(actions=actions)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
