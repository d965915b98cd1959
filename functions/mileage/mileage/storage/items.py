"""The only module that touches DynamoDB: the mileage table's items and the transactions that change them.

One table (`MILEAGE_TABLE`), keys by prefix:

| item | pk | sk | indexes |
|---|---|---|---|
| staff projection | `STAFF#<no>` | `META` | gsi2 `DEPTSTAFF#<dept>` |
| department head | `DEPT#<dept>` | `HEAD` | |
| department deputy (직무대리) | `DEPUTY#<dept>` | `META` | |
| grant | `GRANT#<id>` | `META` | gsi1 `GRANTS#<status>`, gsi2 `DEPTGRANTS#<dept>` (by created_at) |
| act identity | `ACT#<no>#<hash>` | `META` | |
| cap counter | `CAP#PERSON#<no>` / `CAP#DEPT#<dept>` | `M2026-03` / `H2026-H1` / `Y2026` | |
| balance | `ACCT#<no>` | `BALANCE` | gsi1 `DEPTACCT#<dept>`, gsi2 `ACCOUNTS` (by employee_no; the year-end job) |
| ledger entry (append-only) | `ACCT#<no>` | `LEDGER#<balance version, 12 digits>#<n>` | |
| year-end expiry marker | `ACCT#<no>` | `EXPIRED#<year>` | |
| draft proposal | `PROPOSAL#<id>` | `META` | gsi1 `PROPOSALS#<status>`, gsi2 `DEPTPROPOSALS#<dept>` (`<status>#<at>`) |
| redemption | `REDEEM#<id>` | `META` | gsi1 `REDEMPTIONS#<kind>` (`<status>#<at>#<id>`), gsi2 `EMPREDEEM#<no>` |
| redemption ceiling counter | `CAP#REDEEM#<no>` | `Y2026` | |
| outbox | `OUTBOX#<id>` | `EVENT` | gsi1 (owned by common.events) |
| idempotency records | `IDEMPOTENCY#…` | hash | (Powertools) |

Also the evidence bucket's HeadObject (does a cited evidence file exist).

Every state change is one transaction (`Tx`), with its ledger entry and outbox event. A failed condition is reported
by the label of the item whose condition failed (`TxCancelled.labels`), so logic can say *which* cap was hit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.expressions.condition import Condition
from pynamodb.models import Model

from common.dynamo import Page, TableItem, index, query_page, table_meta, transaction
from common.errors import Conflict, RuleViolation
from common.events import EventEnvelope, outbox_model
from common.settings import env, region

Meta = table_meta("MILEAGE_TABLE", "jeokgeuk-demo-mileage")
Outbox = outbox_model(Meta)


# ------------------------------------------------------------------------------------------------ items
class Staff(TableItem):
    """Mileage's own copy of what it needs from the directory (no names)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    active = BooleanAttribute(default=True)
    grade = NumberAttribute(null=True)
    employment_type = UnicodeAttribute(null=True)
    team_leader = BooleanAttribute(default=False)
    occurred_at = UnicodeAttribute()
    of_department = index("gsi2")

    @staticmethod
    def key(employee_no: str) -> str:
        return f"STAFF#{employee_no}"


class DepartmentHead(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="HEAD")
    department = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    occurred_at = UnicodeAttribute()

    @staticmethod
    def key(department: str) -> str:
        return f"DEPT#{department}"


class Deputy(TableItem):
    """The one deputy (직무대리) a department head designated for a date range (inclusive, ISO dates)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    department = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    start = UnicodeAttribute()
    end = UnicodeAttribute()
    designated_by = UnicodeAttribute()
    designated_at = UnicodeAttribute()

    @staticmethod
    def key(department: str) -> str:
        return f"DEPUTY#{department}"


class Grant(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    grant_id = UnicodeAttribute()
    group_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute()
    grantor = UnicodeAttribute()
    granted_as = UnicodeAttribute(null=True)  # head | deputy (absent on grants made before deputies: head)
    item_code = UnicodeAttribute()
    points = NumberAttribute()
    group_points = NumberAttribute()
    share = NumberAttribute(default=1)
    act_title = UnicodeAttribute()
    act_description = UnicodeAttribute(default="")
    act_date = UnicodeAttribute()
    act_ref = UnicodeAttribute(null=True)
    partner_department = UnicodeAttribute(null=True)  # the other department of an inter-department act
    act_key = UnicodeAttribute()  # the first of act_keys (grants from before act_keys have only this one)
    act_keys = ListAttribute(of=UnicodeAttribute, null=True)  # date+title, and the reference when given
    evidence_links = ListAttribute(of=UnicodeAttribute, default=list)
    evidence_keys = ListAttribute(of=UnicodeAttribute, default=list)
    cap_periods = ListAttribute(of=UnicodeAttribute, default=list)
    status = UnicodeAttribute()
    reason = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    supersedes = UnicodeAttribute(null=True)
    superseded_by = UnicodeAttribute(null=True)
    approval_by = UnicodeAttribute(null=True)  # panel: to the approving office's own staff (the county's routing)
    by_status = index("gsi1")
    by_department = index("gsi2")

    @staticmethod
    def key(grant_id: str) -> str:
        return f"GRANT#{grant_id}"


class ActKey(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    grant_id = UnicodeAttribute()
    points = NumberAttribute()

    @staticmethod
    def key(employee_no: str, act_key: str) -> str:
        return f"ACT#{employee_no}#{act_key}"


class CapCounter(TableItem):
    Meta = Meta
    used = NumberAttribute(default=0)


class Balance(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="BALANCE")
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    balance = NumberAttribute(default=0)
    held = NumberAttribute(default=0)
    version = NumberAttribute(default=0)
    updated_at = UnicodeAttribute(null=True)
    by_department = index("gsi1")
    every = index("gsi2")

    @staticmethod
    def key(employee_no: str) -> str:
        return f"ACCT#{employee_no}"


ALL_ACCOUNTS = "ACCOUNTS"


class ExpiryMarker(TableItem):
    """One per account and year: the year-end expiry ran for it (the condition that makes a rerun change nothing)."""

    Meta = Meta
    points = NumberAttribute()
    created_at = UnicodeAttribute()


class Proposal(TableItem):
    """A draft grant proposed by another area's event, waiting for the department head."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    proposal_id = UnicodeAttribute()
    event_id = UnicodeAttribute()
    source = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute()
    item_code = UnicodeAttribute()
    points = NumberAttribute()
    act_title = UnicodeAttribute()
    act_date = UnicodeAttribute()
    act_ref = UnicodeAttribute()
    status = UnicodeAttribute()  # DRAFT | CONFIRMED | DISMISSED
    grant_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    by_status = index("gsi1")
    by_department = index("gsi2")

    @staticmethod
    def key(proposal_id: str) -> str:
        return f"PROPOSAL#{proposal_id}"

    def index(self, status: str) -> None:
        """Set the status and the index keys that follow it."""
        self.status = status
        self.gsi1pk, self.gsi1sk = f"PROPOSALS#{status}", f"{self.created_at}#{self.proposal_id}"
        self.gsi2pk, self.gsi2sk = f"DEPTPROPOSALS#{self.department}", f"{status}#{self.created_at}#{self.proposal_id}"

    def status_actions(self, status: str) -> list[Any]:
        self.index(status)
        return [Proposal.status.set(status), Proposal.gsi1pk.set(self.gsi1pk), Proposal.gsi2sk.set(self.gsi2sk)]


class LedgerEntry(TableItem):
    Meta = Meta
    entry_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    kind = UnicodeAttribute()  # CREDIT | REVERSAL | HOLD | SPEND | REFUND | EXPIRE
    delta = NumberAttribute()  # change of the available balance
    held_delta = NumberAttribute(default=0)  # change of the points on hold
    reference = UnicodeAttribute()  # GRANT#… / REDEEM#…
    balance_after = NumberAttribute()
    held_after = NumberAttribute(default=0)
    created_at = UnicodeAttribute()


class Redemption(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    redemption_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    reward_code = UnicodeAttribute()
    kind = UnicodeAttribute()
    points = NumberAttribute()
    won = NumberAttribute(null=True)
    days = NumberAttribute(null=True)
    status = UnicodeAttribute()  # REQUESTED | FULFILLED | FAILED
    voucher_code = UnicodeAttribute(null=True)
    failure_reason = UnicodeAttribute(null=True)
    forwarded_at = UnicodeAttribute(null=True)  # last sent to an issuer that answers later
    forward_count = NumberAttribute(null=True)  # how many times it was sent (re-sent while unanswered)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute(null=True)
    by_kind = index("gsi1")
    of_employee = index("gsi2")

    @staticmethod
    def key(redemption_id: str) -> str:
        return f"REDEEM#{redemption_id}"

    def status_key(self, status: str) -> str:
        """gsi1sk: what HR must execute, by kind (pk), status and request time."""
        return f"{status}#{self.created_at}#{self.redemption_id}"


class RedemptionCounter(TableItem):
    Meta = Meta
    points = NumberAttribute(default=0)
    won = NumberAttribute(default=0)


# ------------------------------------------------------------------------------------------------ reads
def get_staff(employee_no: str) -> Staff | None:
    return _get(Staff, Staff.key(employee_no), "META")


def department_has_role(department: str, role: str) -> bool:
    """Whether an active member of `department` holds `role` (the department's staff, from its index)."""
    members = Staff.of_department.query(f"DEPTSTAFF#{department}",
                                        filter_condition=(Staff.active == True) & Staff.roles.contains(role))  # noqa: E712
    return next(iter(members), None) is not None


def get_department_head(department: str) -> DepartmentHead | None:
    return _get(DepartmentHead, DepartmentHead.key(department), "HEAD")


Key = tuple[type[Model], str, str]  # (item class, pk, sk)

MAX_BATCH_GET = 100  # DynamoDB's limit for one BatchGetItem


def get_items(*wanted: Key) -> list[Any]:
    """Items of several kinds by key in one BatchGetItem (a route reads what it needs at once): in the order asked,
    None where there is no item. Unprocessed keys are asked for again."""
    keys = list(dict.fromkeys((pk, sk) for _, pk, sk in wanted))
    connection = Staff._get_connection()
    raw: dict[tuple[str, str], dict[str, Any]] = {}
    pending = [{"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in keys]
    for _ in range(10):
        if not pending:
            break
        page, pending = pending[:MAX_BATCH_GET], pending[MAX_BATCH_GET:]
        data = connection.batch_get_item(page)
        for item in data.get("Responses", {}).get(connection.table_name, []):
            raw[(item["pk"]["S"], item["sk"]["S"])] = item
        pending = list(data.get("UnprocessedKeys", {}).get(connection.table_name, {}).get("Keys", [])) + pending
    if pending:
        raise RuntimeError("BatchGetItem left keys unprocessed")
    return [model.from_raw_data(raw[(pk, sk)]) if (pk, sk) in raw else None for model, pk, sk in wanted]


def staff_key(employee_no: str) -> Key:
    return Staff, Staff.key(employee_no), "META"


def head_key(department: str) -> Key:
    return DepartmentHead, DepartmentHead.key(department), "HEAD"


def get_deputy(department: str) -> Deputy | None:
    return _get(Deputy, Deputy.key(department), "META")


def get_grant(grant_id: str) -> Grant | None:
    return _get(Grant, Grant.key(grant_id), "META")


def act_item_key(employee_no: str, act_key: str) -> Key:
    """The key of the item saying `employee_no` was granted for the act `act_key` (read with `get_items`)."""
    return ActKey, ActKey.key(employee_no, act_key), "META"


def get_cap(pk: str, sk: str) -> int:
    item = _get(CapCounter, pk, sk)
    return int(item.used) if item else 0


def get_balance(employee_no: str) -> Balance | None:
    return _get(Balance, Balance.key(employee_no), "BALANCE")


def get_redemption(redemption_id: str) -> Redemption | None:
    return _get(Redemption, Redemption.key(redemption_id), "META")


def get_redemption_counter(employee_no: str, year: int) -> RedemptionCounter | None:
    return _get(RedemptionCounter, f"CAP#REDEEM#{employee_no}", f"Y{year}")


def get_proposal(proposal_id: str) -> Proposal | None:
    return _get(Proposal, Proposal.key(proposal_id), "META")


@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3

    return boto3.client("s3", region_name=region())


def evidence_exists(key: str) -> bool:
    """Whether an evidence file was uploaded under `key` (HeadObject in the evidence bucket)."""
    from botocore.exceptions import ClientError

    try:
        _s3().head_object(Bucket=env("MILEAGE_EVIDENCE_BUCKET"), Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return False
        raise
    return True


def _get(model: type[Model], pk: str, sk: str) -> Any:
    try:
        return model.get(pk, sk)
    except model.DoesNotExist:
        return None


def grants_by_status(status: str, limit: int, token: str | None) -> Page:
    return query_page(Grant.by_status, f"GRANTS#{status}", token, scan_index_forward=False, limit=limit)


def grants_of_department(department: str, status: str | None, limit: int, token: str | None) -> Page:
    condition = (Grant.status == status) if status else None
    return query_page(Grant.by_department, f"DEPTGRANTS#{department}", token, filter_condition=condition,
                      scan_index_forward=False, limit=limit)


def ledger(employee_no: str, limit: int, token: str | None) -> Page:
    return query_page(LedgerEntry, Balance.key(employee_no), token, range_key_condition=LedgerEntry.sk.startswith(
        "LEDGER#"), scan_index_forward=False, limit=limit)


def department_accounts(department: str, limit: int, token: str | None) -> Page:
    return query_page(Balance.by_department, f"DEPTACCT#{department}", token, limit=limit)


def proposals_by_status(status: str, limit: int, token: str | None) -> Page:
    return query_page(Proposal.by_status, f"PROPOSALS#{status}", token, scan_index_forward=False, limit=limit)


def proposals_of_department(department: str, status: str, limit: int, token: str | None) -> Page:
    return query_page(Proposal.by_department, f"DEPTPROPOSALS#{department}", token,
                      range_key_condition=Proposal.gsi2sk.startswith(f"{status}#"), scan_index_forward=False,
                      limit=limit)


def redemptions_of_employee(employee_no: str, limit: int, token: str | None) -> Page:
    return query_page(Redemption.of_employee, f"EMPREDEEM#{employee_no}", token, scan_index_forward=False,
                      limit=limit)


def redemptions_by_kind(kind: str, status: str, start: str | None, end: str | None, limit: int,
                        token: str | None) -> Page:
    """Redemptions of `kind` in `status`, newest first; requested from day `start` to day `end` when given."""
    condition = (Redemption.gsi1sk.between(f"{status}#{start}", f"{status}#{end}~") if start and end
                 else Redemption.gsi1sk.startswith(f"{status}#"))
    return query_page(Redemption.by_kind, f"REDEMPTIONS#{kind}", token, range_key_condition=condition,
                      scan_index_forward=False, limit=limit)


def unsettled_vouchers(requested_before: str) -> Iterator[Redemption]:
    """Voucher redemptions still REQUESTED that were requested before `requested_before`, oldest first (the
    re-send job; an index query)."""
    return Redemption.by_kind.query("REDEMPTIONS#voucher", Redemption.gsi1sk.between(
        "REQUESTED#", f"REQUESTED#{requested_before}"))


def _between(start: str, end: str) -> tuple[str, str]:
    """Index sort keys `<iso time>#<id>` from day `start` to day `end` inclusive ('~' sorts after any time)."""
    return start, end + "~"


def grants_in_period(status: str, start: str, end: str) -> list[Grant]:
    """Every grant of `status` created from day `start` to day `end` (ISO dates, KST), from the status index."""
    low, high = _between(start, end)
    return list(Grant.by_status.query(f"GRANTS#{status}", Grant.gsi1sk.between(low, high)))


def department_grants_in_period(department: str, start: str, end: str) -> list[Grant]:
    """Every grant of `department` created from day `start` to day `end`, from the department index."""
    low, high = _between(start, end)
    return list(Grant.by_department.query(f"DEPTGRANTS#{department}", Grant.gsi2sk.between(low, high)))


def all_account_numbers() -> Iterable[str]:
    """Every account's employee number, from the ACCOUNTS index (the year-end job; never on a request path)."""
    for item in Balance.every.query(ALL_ACCOUNTS, attributes_to_get=["employee_no"]):
        yield item.employee_no


def whole_ledger(employee_no: str) -> list[LedgerEntry]:
    """An account's ledger, oldest first (the year-end job)."""
    return list(LedgerEntry.query(Balance.key(employee_no), LedgerEntry.sk.startswith("LEDGER#")))


def get_expiry_marker(employee_no: str, year: int) -> ExpiryMarker | None:
    return _get(ExpiryMarker, Balance.key(employee_no), f"EXPIRED#{year}")


def save_proposal(proposal: Proposal) -> bool:
    """Write a new draft; False when a proposal with its id exists already (a replayed event)."""
    from pynamodb.exceptions import PutError

    try:
        proposal.save(condition=Proposal.pk.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


# ------------------------------------------------------------------------------------------------ writes
MAX_TRANSACTION_ITEMS = 100  # DynamoDB's limit for one TransactWriteItems


class TxCancelled(Exception):
    """A transaction was cancelled: `labels` name the items whose condition failed."""

    def __init__(self, labels: list[str], reasons: list[str]):
        self.labels = labels
        self.reasons = reasons
        super().__init__(f"transaction cancelled: {labels or reasons}")

    @property
    def contention(self) -> bool:
        return not self.labels and "TransactionConflict" in self.reasons


class Tx:
    """Collects one transaction's items with labels, then commits them at once (at most 100 items)."""

    def __init__(self) -> None:
        self._deletes: list[tuple[str, Model, Condition | None]] = []
        self._puts: list[tuple[str, Model, Condition | None]] = []
        self._updates: list[tuple[str, Model, list[Any], Condition | None]] = []

    def put(self, model: Model, condition: Condition | None = None, label: str = "-") -> Tx:
        self._puts.append((label, model, condition))
        return self

    def update(self, model: Model, actions: list[Any], condition: Condition | None = None, label: str = "-") -> Tx:
        self._updates.append((label, model, actions, condition))
        return self

    def delete(self, model: Model, condition: Condition | None = None, label: str = "-") -> Tx:
        self._deletes.append((label, model, condition))
        return self

    def event(self, envelope: EventEnvelope) -> Tx:
        return self.put(Outbox.of(envelope), label="outbox")

    def commit(self) -> None:
        # PynamoDB sends condition checks, deletes, puts, then updates: the labels follow the same order
        labels = [d[0] for d in self._deletes] + [p[0] for p in self._puts] + [u[0] for u in self._updates]
        if len(labels) > MAX_TRANSACTION_ITEMS:
            raise RuleViolation("한 번에 처리할 변경이 너무 많습니다. 받는 직원을 나누어 부여해 주세요.",
                                code="TOO_MANY_CHANGES", details={"items": len(labels),
                                                                  "limit": MAX_TRANSACTION_ITEMS})
        try:
            with transaction() as tx:
                for _, model, condition in self._deletes:
                    tx.delete(model, condition=condition)
                for _, model, condition in self._puts:
                    tx.save(model, condition=condition)
                for _, model, actions, condition in self._updates:
                    tx.update(model, actions=actions, condition=condition)
        except Conflict as error:
            reasons = list((error.details or {}).get("reasons", []))
            failed = [label for label, code in zip(labels, reasons, strict=False) if code == "ConditionalCheckFailed"]
            raise TxCancelled(failed, reasons) from error


def cap_update(tx: Tx, pk: str, sk: str, delta: int, limit: int | None, label: str) -> None:
    """ADD `delta` to a cap counter; with a limit, only if `used + delta <= limit` (written `used <= limit - delta`,
    since DynamoDB conditions cannot add)."""
    condition = None
    if limit is not None and delta > 0:
        condition = CapCounter.used.does_not_exist() | (CapCounter.used <= limit - delta)
    tx.update(CapCounter(pk, sk), actions=[CapCounter.used.add(delta)], condition=condition, label=label)


def balance_update(tx: Tx, employee_no: str, *, expected_version: int, new_balance: int, new_held: int, at: str,
                   require_balance: int | None = None) -> int:
    """Move the balance to the values computed from the version read (optimistic: the version must not have moved);
    the new version, which orders the ledger entries written in the same transaction (`ledger_entry`).
    The account's department is the staff projection's to set (`save_staff`), never a balance move's."""
    condition: Condition = (Balance.version == expected_version) if expected_version else (
        Balance.version.does_not_exist() | (Balance.version == 0))
    if require_balance is not None:
        condition = condition & (Balance.balance >= require_balance)
    actions = [Balance.employee_no.set(employee_no), Balance.balance.set(new_balance), Balance.held.set(new_held),
               Balance.version.set(expected_version + 1), Balance.updated_at.set(at),
               Balance.gsi2pk.set(ALL_ACCOUNTS), Balance.gsi2sk.set(employee_no)]
    tx.update(Balance(Balance.key(employee_no), "BALANCE"), actions=actions, condition=condition, label="balance")
    return expected_version + 1


def ledger_entry(employee_no: str, entry_id: str, *, sequence: int, kind: str, delta: int, held_delta: int,
                 reference: str, balance_after: int, held_after: int, at: str, part: int = 0) -> LedgerEntry:
    """An entry keyed by the balance version its transaction moves the account to (`part` orders two entries of one
    transaction). The version is serialised by the balance's optimistic lock, so the ledger's order is the order the
    changes committed in — not the wall clocks of the Lambda hosts, which may tie or run behind one another."""
    return LedgerEntry(Balance.key(employee_no), f"LEDGER#{sequence:012d}#{part}", entry_id=entry_id,
                       employee_no=employee_no, kind=kind, delta=delta, held_delta=held_delta, reference=reference,
                       balance_after=balance_after, held_after=held_after, created_at=at)


def save_staff(staff: Staff) -> bool:
    """Upsert the projection unless the stored copy is newer; also open the staff's account (balance 0) and keep its
    department index in step. False when the event was older than what is stored."""
    tx = Tx()
    tx.put(staff, condition=Staff.occurred_at.does_not_exist() | (Staff.occurred_at <= staff.occurred_at),
           label="staff")
    actions = [Balance.employee_no.set(staff.employee_no), Balance.balance.set(Balance.balance | 0),
               Balance.held.set(Balance.held | 0), Balance.version.set(Balance.version | 0),
               Balance.gsi2pk.set(ALL_ACCOUNTS), Balance.gsi2sk.set(staff.employee_no)]
    if staff.department:
        actions += [Balance.department.set(staff.department), Balance.gsi1pk.set(f"DEPTACCT#{staff.department}"),
                    Balance.gsi1sk.set(staff.employee_no)]
    tx.update(Balance(Balance.key(staff.employee_no), "BALANCE"), actions=actions, label="balance")
    try:
        tx.commit()
    except TxCancelled as error:
        if "staff" in error.labels:
            return False
        raise
    return True


def mark_forwarded(redemption: Redemption, at: str) -> None:
    """Note that the issuer has the request (only while it is still REQUESTED; a settled one stays as it is)."""
    from pynamodb.exceptions import UpdateError

    try:
        redemption.update(actions=[Redemption.forwarded_at.set(at), Redemption.forward_count.add(1)],
                          condition=Redemption.status == "REQUESTED")
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def save_department_head(department: str, employee_no: str, occurred_at: str) -> None:
    DepartmentHead(DepartmentHead.key(department), "HEAD", department=department, employee_no=employee_no,
                   occurred_at=occurred_at).save()


def save_deputy(deputy: Deputy) -> None:
    deputy.save()  # one deputy per department: a new designation replaces the old


def delete_deputy(department: str) -> None:
    Deputy(Deputy.key(department), "META").delete()


def remove_department_head(department: str, employee_no: str) -> None:
    """Forget the head of `department` if it is still `employee_no` (a newer head stays)."""
    from pynamodb.exceptions import DeleteError

    try:
        DepartmentHead(DepartmentHead.key(department), "HEAD").delete(
            condition=DepartmentHead.employee_no == employee_no)
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
