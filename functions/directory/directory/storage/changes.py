"""Committing a plan (`rules.records.Plan`): each unit whole in one transaction — a change with its history entry,
its event and, for an ex-officio committee member or an office holder, the committee roster's or the offices'
entries; a role grant with its event."""

from __future__ import annotations

from typing import Any

from common.clock import now
from common.crypto import encrypt_field
from common.dynamo import Transaction, TransactionCancelled
from common.errors import Conflict
from common.observability import logger
from directory.rules.records import DepartmentChange, Plan, RoleGrantChange, StaffChange, ex_officio_id, pack
from directory.storage.items import (
    CommitteeItem,
    DepartmentItem,
    HistoryItem,
    OfficeHolderItem,
    Outbox,
    RoleGrantItem,
    StaffItem,
)


def apply(plan: Plan, *, source: str) -> None:
    """Commit the plan: each unit whole, in transactions of at most 100 items (a change with its history entry, its
    event and, for an ex-officio committee member, the committee roster's entry)."""
    at = now().isoformat()
    seq = 0
    conflict = Conflict("명부가 동시에 바뀌었습니다. 다시 시도해 주세요.", code="DIRECTORY_CHANGED")
    acting = plan.acting
    for batch in pack(plan.units, limit=99 if acting else 100):
        tx = Transaction(outbox=Outbox)
        # the caller's power, as checked, holds at the commit (a batch that writes their record checks its
        # version already, and later batches check the version it wrote)
        own = [c.after for unit in batch for c in unit.staff
               if acting is not None and c.after.employee_no == acting.employee_no]
        if acting is not None and not own:
            tx.check(StaffItem(*StaffItem.key(acting.employee_no)), StaffItem.version == acting.version,
                     label="caller")
        acting = own[-1] if own else acting
        for unit in batch:
            for dept_change in unit.departments:
                dept = DepartmentItem.of(dept_change.after, at)
                tx.put(dept, _department_condition(dept_change))
                tx.put(HistoryItem.of(dept.pk, at=at, seq=seq, kind=dept_change.kind,
                                      changes=dept_change.history(), source=source),
                       HistoryItem.pk.does_not_exist())
                seq += 1
            for change in unit.staff:
                item, entry = _staff_writes(change, at=at, seq=seq, source=source)
                seq += 1
                tx.put(item, _staff_condition(change))
                tx.put(entry, HistoryItem.pk.does_not_exist())
                tx.event(change.event().envelope())
                if change.committee_write == "put":
                    member, actions = CommitteeItem.ex_officio(change.after, gender=change.committee_gender,
                                                               at=at, source=source)
                    tx.update(member, actions)
                elif change.committee_write == "delete":
                    tx.delete(CommitteeItem(*CommitteeItem.key(ex_officio_id(change.after.employee_no))))
                for office, write in change.office_writes:
                    if write == "put":
                        tx.update(*OfficeHolderItem.holding(change.after, office, at=at))
                    else:
                        tx.delete(OfficeHolderItem(*OfficeHolderItem.key(office, change.after.employee_no)))
            for grant_change in unit.grants:
                _grant_writes(tx, grant_change)
        try:
            tx.commit()
        except TransactionCancelled as error:  # any failed condition: the directory changed meanwhile
            raise conflict from error
    logger.info("directory changes committed", extra={"source": source, "units": len(plan.units)})


def _staff_writes(change: StaffChange, *, at: str, seq: int, source: str) -> tuple[StaffItem, HistoryItem]:
    item = StaffItem.of(change.after)
    for field, value in change.contacts.items():
        setattr(item, field, encrypt_field(value, record=item.pk, field=field) if value else None)
    entry = HistoryItem.of(item.pk, at=at, seq=seq, kind=change.kind, changes=change.history(), source=source)
    return item, entry


def _department_condition(change: DepartmentChange) -> Any:
    if change.before is None:
        return DepartmentItem.pk.does_not_exist()
    return DepartmentItem.version == change.before.version


def _staff_condition(change: StaffChange) -> Any:
    if change.before is None:
        return StaffItem.pk.does_not_exist()
    return StaffItem.version == change.before.version


def _grant_writes(tx: Transaction, change: RoleGrantChange) -> None:
    """The grant's record and its event; a confirmation is written only while the grant is still pending."""
    item = RoleGrantItem.of(change.after)
    if change.before is None:
        tx.put(item, RoleGrantItem.pk.does_not_exist())
    else:
        tx.put(item, RoleGrantItem.status == change.before.status)
    tx.event(change.after.event().envelope())
