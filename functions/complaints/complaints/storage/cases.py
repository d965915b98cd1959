"""Cases, their reporter, receipts, messages, notes and reveals: reads and writes. Every change of a case is
conditional on the version read (two handlers never overwrite each other) and carries its events and its alarm
in the same transaction."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from pynamodb.exceptions import UpdateError

from common import deadlines
from common.dynamo import Page, TransactionCancelled, find, query_page
from common.errors import Conflict
from common.events import EventEnvelope
from complaints.rules import reveal_chain
from complaints.storage.items import (
    CASE_KIND,
    CASES,
    CLOSED,
    OPENCASES,
    REVEALS,
    Alarm,
    CaseItem,
    MessageItem,
    NoteItem,
    OpenItem,
    ReceiptItem,
    ReceiptLockItem,
    ReporterItem,
    RevealChainHead,
    RevealItem,
    StatusCheckItem,
    case_pk,
)
from complaints.storage.table import transaction

CHANGED = Conflict("신고 건이 동시에 바뀌었습니다. 다시 불러와 주세요.", code="CASE_CHANGED")


def get_case(case_id: str) -> CaseItem | None:
    return find(CaseItem, *CaseItem.key(case_id))


def get_receipt(receipt_no: str) -> ReceiptItem | None:
    return find(ReceiptItem, *ReceiptItem.key(receipt_no))


def get_reporter(case_id: str) -> ReporterItem | None:
    return find(ReporterItem, case_pk(case_id), "REPORTER")


def create(case: dict[str, Any], *, reporter: dict[str, str | None] | None, receipt: dict[str, Any] | None,
           first_alarm: datetime | None, events: Iterable[EventEnvelope] = (), link: str | None = None) -> CaseItem:
    """A new case with its reporter's ciphertexts and its receipt; a receipt number already taken is a Conflict
    (`RECEIPT_TAKEN`: the caller draws another). `link`: the signed-in resident's (their reports' index)."""
    item = CaseItem.new(**case)
    tx = transaction()
    tx.put(item, condition=CaseItem.pk.does_not_exist(), label="case")
    tx.put(OpenItem.of(item.case_id, item.created_at))
    if reporter is not None:
        linked = {"gsi2pk": ReporterItem.link_partition(link), "gsi2sk": f"{item.created_at}#{item.case_id}"} \
            if link else {}
        tx.put(ReporterItem.of(item.case_id, **reporter, **linked))
    if receipt is not None:
        tx.put(ReceiptItem.of(**receipt), condition=ReceiptItem.pk.does_not_exist(), label="receipt")
    if first_alarm is not None:
        deadlines.arm(tx, Alarm.of(item.pk, case_kind=CASE_KIND, case_id=item.case_id, at=first_alarm))
    for envelope in events:
        tx.event(envelope)
    tx.commit(failures={"receipt": Conflict("접수번호가 겹쳤습니다.", code="RECEIPT_TAKEN"),
                        "case": Conflict("이미 있는 신고 번호입니다.", code="CASE_TAKEN")})
    return item


def change(case: CaseItem, sets: dict[str, Any], *, alarm: datetime | bool | None = False,
           events: Iterable[EventEnvelope] = (), puts: Iterable[Any] = (), department: str | None = None,
           unlist: bool = False, erase_reporter_at: datetime | bool | None = False) -> None:
    """Set `sets` on the case (a None value removes the attribute), only if it is still the version read.
    `alarm`: False leaves the alarm alone, None deletes it, a time puts it there. `department`: list the case under
    the competent department (a rerouted petition); `unlist`: no longer (a reopened case is the office's again).
    `erase_reporter_at`: a time lists the reporter's item for the retention job, None takes it off the list (a
    reopened case), False leaves it alone. A status of CLOSED takes the case off the open cases' index, a status
    out of CLOSED puts it back."""
    actions = [getattr(CaseItem, name).remove() if value is None else getattr(CaseItem, name).set(value)
               for name, value in sets.items()]
    actions.append(CaseItem.version.add(1))
    if unlist:
        actions += [CaseItem.gsi2pk.remove(), CaseItem.gsi2sk.remove()]
    if department is not None:
        actions += [CaseItem.gsi2pk.set(CaseItem.department_partition(department)),
                    CaseItem.gsi2sk.set(f"{case.created_at}#{case.case_id}")]
    tx = transaction()
    tx.update(CaseItem(*CaseItem.key(case.case_id)), actions, condition=CaseItem.version == case.version,
              label="case")
    if "status" in sets and (sets["status"] == CLOSED) != (case.status == CLOSED):
        if sets["status"] == CLOSED:
            tx.delete(OpenItem.of(case.case_id, case.created_at))
        else:
            tx.put(OpenItem.of(case.case_id, case.created_at))
    if alarm is None:
        deadlines.disarm(tx, Alarm, case.pk)
    elif alarm is not False:
        tx.put(Alarm.of(case.pk, case_kind=CASE_KIND, case_id=case.case_id, at=alarm), label="alarm")
    if erase_reporter_at is not False:
        tx.update(ReporterItem.of(case.case_id), _retention_actions(case.case_id, erase_reporter_at),
                  condition=ReporterItem.pk.exists(), label="reporter")
    for item in puts:
        tx.put(item)
    for envelope in events:
        tx.event(envelope)
    tx.commit(failures={"case": CHANGED})


def _retention_actions(case_id: str, at: datetime | None) -> list[Any]:
    if at is None:
        return [ReporterItem.erase_at.remove(), ReporterItem.gsi1pk.remove(), ReporterItem.gsi1sk.remove()]
    stamp = deadlines.stamp(at)
    return [ReporterItem.erase_at.set(stamp), ReporterItem.gsi1pk.set(ReporterItem.retention_partition()),
            ReporterItem.gsi1sk.set(f"{stamp}#{case_id}")]


def expiring(moment: datetime) -> Iterator[tuple[str, ReporterItem]]:
    """(case id, reporter) of the reporters whose retention ended at or before `moment`: one Query of the sparse
    retention index."""
    found = ReporterItem.retention.query(ReporterItem.retention_partition(),
                                         ReporterItem.gsi1sk <= f"{deadlines.stamp(moment)}~")
    return ((reporter.pk.removeprefix("CASE#"), reporter) for reporter in found)


def erase_reporter(reporter: ReporterItem, case_id: str, at: datetime) -> bool:
    """Delete the reporter's item, only as it was read (a case reopened meanwhile keeps it), and note it on the case;
    False when it changed meanwhile."""
    tx = transaction()
    tx.delete(ReporterItem.of(case_id), condition=ReporterItem.erase_at == reporter.erase_at, label="reporter")
    tx.update(CaseItem(*CaseItem.key(case_id)), [CaseItem.reporter_erased_at.set(deadlines.stamp(at))],
              condition=CaseItem.pk.exists(), label="case")
    try:
        tx.commit()
    except TransactionCancelled:
        return False
    return True


def add_message(case_id: str, message_id: str, *, at: str, **attributes: Any) -> MessageItem:
    item = MessageItem.of(case_id, message_id, at=at, **attributes)
    item.save()
    return item


def message(case_id: str, message_id: str, *, at: str, **attributes: Any) -> MessageItem:
    """A message item, to put with a change of the case."""
    return MessageItem.of(case_id, message_id, at=at, **attributes)


def messages(case_id: str) -> list[MessageItem]:
    return list(MessageItem.query(case_pk(case_id), MessageItem.sk.startswith(MessageItem.prefix())))


def note(case_id: str, note_id: str, *, at: str, **attributes: Any) -> NoteItem:
    return NoteItem.of(case_id, note_id, at=at, **attributes)


def notes(case_id: str) -> list[NoteItem]:
    return list(NoteItem.query(case_pk(case_id), NoteItem.sk.startswith(NoteItem.prefix())))


def log_reveal(case_id: str, reveal_id: str, *, at: str, **attributes: Any) -> None:
    """Append to the reveal log: the entry names the chain head's digest and becomes the head, in one transaction
    conditional on the head read (two reveals at once: the later one reads the new head and tries again)."""
    for _ in range(5):
        head = find(RevealChainHead, *RevealChainHead.key())
        prev = head.digest if head is not None else reveal_chain.GENESIS
        entry = {"case_id": case_id, "at": at, **attributes}
        digest = reveal_chain.digest(entry, prev)
        tx = transaction()
        tx.put(RevealItem.of(case_id, reveal_id, at=at, prev=prev, digest=digest, **attributes),
               condition=RevealItem.pk.does_not_exist(), label="entry")
        moved = RevealChainHead(*RevealChainHead.key(), digest=digest, entries=(head.entries if head else 0) + 1)
        tx.put(moved, condition=RevealChainHead.pk.does_not_exist() if head is None
               else RevealChainHead.digest == head.digest, label="head")
        try:
            tx.commit()
            return
        except TransactionCancelled:
            continue
    raise CHANGED  # pragma: no cover - five reveals at the same instant


def reveal_chain_item() -> RevealChainHead | None:
    return find(RevealChainHead, *RevealChainHead.key())


def reveal_chain_head() -> str | None:
    head = reveal_chain_item()
    return head.digest if head is not None else None


def reveals(token: str | None, limit: int) -> Page:
    return query_page(RevealItem, REVEALS, token, scan_index_forward=False, limit=limit)


MAX_LISTING_QUERIES = 20  # a page is short only past this many pages' worth of cases the caller may not see


def listing(token: str | None, limit: int, keep: Callable[[CaseItem], bool] = lambda case: True) -> Page:
    """The newest cases that `keep` lets through, `limit` of them (short only at the end, or past
    MAX_LISTING_QUERIES queries): the index is queried a page at a time and, where a page holds more kept cases than
    are wanted, the token is the key of the last case returned, so the next page starts right after it."""
    items: list[CaseItem] = []
    for _ in range(MAX_LISTING_QUERIES):
        page = query_page(CaseItem.listed, CASES, token, scan_index_forward=False, limit=limit)
        kept = [case for case in page.items if keep(case)]
        wanted = limit - len(items)
        items += kept[:wanted]
        token = _listing_token(kept[wanted - 1]) if len(kept) > wanted else page.next_token
        if len(items) >= limit or token is None:
            break
    return Page(items, token)


def _listing_token(case: CaseItem) -> str:
    """The token `query_page` reads back: the case index's LastEvaluatedKey had the query stopped at `case`."""
    key = {"pk": {"S": case.pk}, "sk": {"S": case.sk}, "gsi1pk": {"S": CASES}, "gsi1sk": {"S": case.gsi1sk}}
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def of_department(department: str, token: str | None, limit: int) -> Page:
    return query_page(CaseItem.by_department, CaseItem.department_partition(department), token,
                      scan_index_forward=False, limit=limit)


def created_between(start: str, end: str, *, only: tuple[str, ...] | None = None) -> Iterator[CaseItem]:
    """Cases created in [start, end) (ISO times): one Query of the case index; `only` these attributes, if given
    (the rest of each item read is unset)."""
    projected = [getattr(CaseItem, name) for name in only] if only else None  # by attribute: its stored name
    return CaseItem.listed.query(CASES, CaseItem.gsi1sk.between(start, end), attributes_to_get=projected)


# ------------------------------------------------------------------------------------------------ receipt lockout
def get_lock(receipt_no: str) -> ReceiptLockItem | None:
    return find(ReceiptLockItem, *ReceiptLockItem.key(receipt_no))


def record_failure(receipt_no: str, *, max_failures: int, lock_until: datetime) -> bool:
    """One more wrong secret on `receipt_no`, known or not (an atomic ADD; the item expires with its window); the one
    that reaches `max_failures` locks it until `lock_until` and starts the count afresh. True if this locked it."""
    item = ReceiptLockItem(*ReceiptLockItem.key(receipt_no))
    item.update(actions=[ReceiptLockItem.failures.add(1), ReceiptLockItem.expiration.set(lock_until)])
    if int(item.failures) < max_failures:
        return False
    try:
        item.update(actions=[ReceiptLockItem.locked_until.set(lock_until.isoformat()),
                             ReceiptLockItem.failures.set(0)],
                    condition=ReceiptLockItem.failures == item.failures)
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
    return True


def clear_failures(lock: ReceiptLockItem | None) -> None:
    if lock is not None and lock.failures:
        ReceiptLockItem(lock.pk, lock.sk).update(actions=[ReceiptLockItem.failures.set(0)])


def due_alarms(moment: datetime) -> Iterator[Any]:
    return deadlines.due_alarms(Alarm, CASE_KIND, moment)


def move_alarm(alarm: Any, to: datetime | None, case: CaseItem | None, events: Iterable[EventEnvelope]) -> bool:
    """The job's move: conditional on the alarm read and, with a case, on the case's version; False if another run
    or a handler got there first (nothing published)."""
    tx = transaction()
    deadlines.move(tx, alarm, to)
    if case is not None:
        tx.check(CaseItem(*CaseItem.key(case.case_id)), CaseItem.version == case.version, label="case")
    for envelope in events:
        tx.event(envelope)
    try:
        tx.commit()
    except TransactionCancelled:
        return False
    return True


def open_cases() -> Iterator[CaseItem]:
    """Every case not closed, oldest first: one Query of the sparse open-cases index, then each case by its key."""
    for marker in OpenItem.open_cases.query(OPENCASES):
        if (case := get_case(marker.case_id)) is not None:
            yield case


def record_status_check(month: str, events: Iterable[EventEnvelope], **attributes: Any) -> bool:
    """The month's status check with its event; False if that month's was already recorded (nothing published)."""
    tx = transaction()
    tx.put(StatusCheckItem.of(month, **attributes), condition=StatusCheckItem.pk.does_not_exist(), label="check")
    for envelope in events:
        tx.event(envelope)
    try:
        tx.commit()
    except TransactionCancelled:
        return False
    return True


def linked(link: str) -> list[str]:
    """The case ids of all a resident's reports, newest first: one Query of the link index."""
    found = ReporterItem.mine.query(ReporterItem.link_partition(link), scan_index_forward=False)
    return [reporter.pk.removeprefix("CASE#") for reporter in found]


def linked_page(link: str, limit: int, token: str | None) -> Page:
    """One page of a resident's reports' case ids, newest first (the token: where the next page starts)."""
    page = query_page(ReporterItem.mine, ReporterItem.link_partition(link), token, scan_index_forward=False,
                      limit=limit)
    return Page([reporter.pk.removeprefix("CASE#") for reporter in page.items], page.next_token)


def cases(case_ids: list[str]) -> list[CaseItem]:
    """The cases, in the order asked (BatchGetItem)."""
    found = {case.case_id: case for case in CaseItem.batch_get([CaseItem.key(i) for i in case_ids])}
    return [found[i] for i in case_ids if i in found]


def unlink(case_id: str) -> None:
    """The reporter no longer linked to a resident: the link and the sign-in id's ciphertext go (their name and
    contact stay for the case's handling, until its retention)."""
    try:
        ReporterItem.of(case_id).update(actions=[ReporterItem.gsi2pk.remove(), ReporterItem.gsi2sk.remove(),
                                                 ReporterItem.resident.remove()],
                                        condition=ReporterItem.pk.exists())
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":  # erased meanwhile: nothing to unlink
            raise
