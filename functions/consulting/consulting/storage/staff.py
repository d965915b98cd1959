"""The staff projection (from the directory's events): a key read and the newer-version-wins write."""

from __future__ import annotations

from common.dynamo import find, save_if_newer
from consulting.storage.items import StaffItem


def get(employee_no: str) -> StaffItem | None:
    return find(StaffItem, *StaffItem.key(employee_no))


def apply(item: StaffItem) -> bool:
    """Keep the newer record only (by the directory's version); False if ours is as new or newer."""
    return save_if_newer(item)
