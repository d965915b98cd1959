"""The record of each roster file applied (its latest application)."""

from __future__ import annotations

from common.dynamo import find
from directory.rules.records import ImportSummary
from directory.storage.items import ImportItem


def get_import(import_id: str) -> ImportSummary | None:
    item = find(ImportItem, *ImportItem.key(import_id))
    return item.domain() if item else None


def save_import(summary: ImportSummary) -> None:
    """The file's latest application (an earlier file imported again is recorded again, with its new counts)."""
    ImportItem.of(summary).save()
