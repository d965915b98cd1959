"""The staff projection (from the directory's events) and each person's exclusions: key reads and one partition."""

from __future__ import annotations

from common.dynamo import find, save_if_newer
from selection.storage.items import EXCLUSION, ExclusionItem, StaffItem


def get(employee_no: str) -> StaffItem | None:
    return find(StaffItem, *StaffItem.key(employee_no))


def apply(item: StaffItem) -> bool:
    """Keep the newer record only (by the directory's version); False if ours is as new or newer."""
    return save_if_newer(item)


def exclusions(employee_no: str) -> list[ExclusionItem]:
    return list(ExclusionItem.query(StaffItem.key(employee_no)[0], ExclusionItem.sk.startswith(EXCLUSION)))


def add_exclusion(item: ExclusionItem) -> None:
    """Record an exclusion (the same source again overwrites it: an event delivered twice is one exclusion)."""
    item.save()
