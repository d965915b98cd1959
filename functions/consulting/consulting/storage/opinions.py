"""The opinion registry: opinions by key, and the opinions on one matter (one index query, never a scan)."""

from __future__ import annotations

from common.dynamo import Page, find, query_page
from consulting.storage.items import OpinionItem


def get(opinion_id: str) -> OpinionItem | None:
    return find(OpinionItem, *OpinionItem.key(opinion_id))


def on_matter(matter_code: str, limit: int, token: str | None) -> Page:
    """A page of the opinions registered on `matter_code`, newest first."""
    return query_page(OpinionItem.by_matter, OpinionItem.matter_key(matter_code), token, scan_index_forward=False,
                      limit=limit)

