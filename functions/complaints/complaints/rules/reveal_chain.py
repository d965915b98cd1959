"""The reveal log as a hash chain: each entry's digest covers its own fields and the digest of the entry before it,
so an entry changed, removed or slipped in afterwards (by anyone, a table editor included) breaks every digest after
it. Pure: fields in, digests out; `intact` checks a run of entries newest first."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

GENESIS = "0" * 64
FIELDS = ("case_id", "by", "by_department", "reason", "at", "whistleblower")


def digest(entry: Mapping[str, Any], prev: str) -> str:
    body = json.dumps([prev, *(entry.get(name) for name in FIELDS)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def intact(entries: Sequence[Mapping[str, Any]]) -> bool:
    """Entries newest first, each with `prev` and `digest`: every digest recomputes, and each entry's `prev` is the
    next older entry's digest."""
    for index, entry in enumerate(entries):
        if entry.get("digest") != digest(entry, entry.get("prev") or ""):
            return False
        older = entries[index + 1] if index + 1 < len(entries) else None
        if older is not None and entry.get("prev") != older.get("digest"):
            return False
    return True
