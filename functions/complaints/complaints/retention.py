"""Retention of a reporter's identity: once a case is closed, its reporter's item (name, contact, sign-in id: all
ciphertexts) is kept the county's `residents.complaint.retention_days` and then erased by the daily job. The case,
its findings and measures stay; the reveal then answers that nobody left an identity. A case reopened meanwhile keeps
its reporter (the entry is removed in the reopening's transaction; the erasure is conditional on the entry read)."""

from __future__ import annotations

from datetime import datetime, timedelta

from common.clock import now, to_kst
from common.county import county
from common.observability import logger
from complaints.storage import cases as stored


def erase_at(closed_at: datetime) -> datetime:
    return to_kst(closed_at) + timedelta(days=county().residents.complaint.retention_days)


def erase_expired(at: datetime | None = None) -> dict[str, int]:
    """Erase every reporter whose retention ended at `at` (default now): the counts, never the data."""
    moment = to_kst(at or now())
    counts = {"due": 0, "erased": 0, "skipped": 0, "errors": 0}
    for case_id, reporter in list(stored.expiring(moment)):
        counts["due"] += 1
        try:
            counts["erased" if stored.erase_reporter(reporter, case_id, moment) else "skipped"] += 1
        except Exception:  # one broken case must not keep the others' reporters from being erased
            counts["errors"] += 1
            logger.exception("retention: a reporter not erased", extra={"case_id": case_id})
    return counts
