"""The opinion registry: an auditor looking at an audited act sees the opinions on the same matter (one index query
on the matter's code, never a scan)."""

from __future__ import annotations

from common.dynamo import Page
from common.identity import Caller
from common.offices import Duty
from consulting.rules.matter import matter_code
from consulting.rules.offices import roles
from consulting.storage import opinions as stored

READERS = (Duty.CONSULTING_SCREENING, Duty.CONSULTING_ESCALATION, Duty.CONSULTING_EXEMPTION)


def on_matter(who: Caller, matter: str, *, limit: int, token: str | None) -> Page:
    """The audit office's (and the audit head's) lookup of the opinions registered on one matter, newest first."""
    who.require(*dict.fromkeys(role for duty in READERS for role in roles(duty)))
    return stored.on_matter(matter_code(matter), limit, token)
