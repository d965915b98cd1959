"""Reading staff records, their history, and their contacts (KMS); staff are written only as part of a plan
(`storage.changes`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from common.crypto import decrypt_field
from common.dynamo import find
from common.errors import NotFound
from directory.rules.records import HistoryEntry, Staff
from directory.storage.items import HISTORY, STAFFNAME, HistoryItem, StaffItem

REVEAL_WORKERS = 16


def find_staff(employee_no: str) -> Staff | None:
    item = find(StaffItem, *StaffItem.key(employee_no))
    return item.domain() if item else None


def get_staff(employee_no: str) -> Staff:
    staff = find_staff(employee_no)
    if staff is None:
        raise NotFound("직원을 찾을 수 없습니다.", code="EMPLOYEE_NOT_FOUND")
    return staff


def all_staff() -> list[Staff]:
    """Every employee, leavers included: one index partition (`STAFFNAME`), read page by page."""
    return [item.domain() for item in StaffItem.by_name.query(STAFFNAME)]


def members(department: str) -> list[Staff]:
    return [item.domain() for item in StaffItem.members.query(StaffItem.members_of(department))]


def search_staff(prefix: str, *, department: str | None, active_only: bool = True, limit: int = 50) -> list[Staff]:
    """Up to `limit` matches; with `active_only`, leavers are filtered out (paging on until `limit` are found)."""
    only = StaffItem.active == True if active_only else None  # noqa: E712 (a PynamoDB condition, not a comparison)
    if department is not None:
        items = StaffItem.members.query(StaffItem.members_of(department), StaffItem.gsi1sk.startswith(prefix),
                                        filter_condition=only, limit=limit, page_size=100)
    else:
        items = StaffItem.by_name.query(STAFFNAME, StaffItem.gsi2sk.startswith(prefix), filter_condition=only,
                                        limit=limit, page_size=100)
    return [item.domain() for item in items]


def history(employee_no: str) -> list[HistoryEntry]:
    """Newest first."""
    pk, _ = StaffItem.key(employee_no)
    return [item.domain() for item in
            HistoryItem.query(pk, HistoryItem.sk.startswith(HISTORY), scan_index_forward=False)]


def reveal(employee_no: str, field: str, ciphertext: str) -> str:
    return decrypt_field(ciphertext, record=StaffItem.key(employee_no)[0], field=field)


def reveal_many(wanted: list[tuple[str, str, str]]) -> dict[tuple[str, str], str]:
    """(employee_no, field, ciphertext) → plaintext by (employee_no, field): KMS calls in parallel, because an import
    compares every stored contact of the employees in the file (thousands in a county)."""
    if not wanted:
        return {}
    values = [reveal(*wanted[0])]  # the first on this thread: the KMS client is built once, not by racing threads
    with ThreadPoolExecutor(max_workers=REVEAL_WORKERS) as pool:
        values += pool.map(lambda item: reveal(*item), wanted[1:])
    return {(no, field): value for (no, field, _), value in zip(wanted, values, strict=True)}
