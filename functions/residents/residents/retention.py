"""Retention of residents' personal data: the daily job erases the contact and consent of every record unused for the
county's `profile_retention_days` (docs/decisions.md, 2026-11-30).

The records due are found by one Query of the sparse retention index (never a Scan); each is erased conditional on the
retention entry it read, so a resident who came back meanwhile keeps their data and two runs erase once. The record
keeps its opaque id, when it was made and when its data was erased: what other features store under the id still
links to it. The per-feature periods (nomination, ballot, complaint) join this job when those features store data.
"""

from __future__ import annotations

from datetime import datetime

from common.clock import now, to_kst
from common.county import county
from common.observability import logger
from residents.rules.profile import expires_at
from residents.storage import profile as store


def erase_expired(at: datetime | None = None) -> dict[str, int]:
    """Erase the personal data whose retention passed at `at` (default now); the counts, never the data."""
    moment = to_kst(at or now())
    days = county().residents.profile_retention_days
    counts = {"due": 0, "erased": 0, "moved": 0, "skipped": 0, "errors": 0}
    for record in list(store.expiring(moment)):
        counts["due"] += 1
        try:
            outcome = _erase(record, moment, days)
        except Exception:  # one broken record must not keep the others' data from being erased
            counts["errors"] += 1
            logger.exception("retention: a record not erased")
            continue
        counts[outcome] += 1
    return counts


def _erase(record: store.Expiring, moment: datetime, days: int) -> str:
    due = expires_at(record.last_used_at or record.created_at, days)
    if due > moment:  # the county lengthened its period since the entry was written: wait until the new time
        return "moved" if store.move_retention(record, due) else "skipped"
    return "erased" if store.erase_personal_data(record, moment) else "skipped"
