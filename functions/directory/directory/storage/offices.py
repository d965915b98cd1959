"""The offices' holders: one query (their entries follow the staff records, `storage.changes`)."""

from __future__ import annotations

from directory.rules.records import OfficeHolder
from directory.storage.items import OFFICES, OfficeHolderItem


def office_holders() -> list[OfficeHolder]:
    return [item.domain() for item in OfficeHolderItem.query(OFFICES)]
