"""The offices: who holds each statutory office and what it does in this county, with what the roster is missing.
Every employee may read it (they need to know their protection officer); names and departments only."""

from __future__ import annotations

from collections import defaultdict

from common.county import county
from common.identity import Caller, Role
from common.offices import OFFICES, OfficeWarning, unheld_warnings
from directory.rules.records import OfficeHolder
from directory.storage.offices import office_holders


def offices(who: Caller) -> tuple[dict[Role, list[OfficeHolder]], list[OfficeWarning]]:
    who.require(Role.STAFF)
    held: dict[Role, list[OfficeHolder]] = defaultdict(list)
    for holder in office_holders():
        held[Role(holder.office)].append(holder)
    section = county().offices
    warnings = unheld_warnings(section, {office: [h.employee_no for h in people] for office, people in held.items()})
    return {office: held.get(office, []) for office in OFFICES}, warnings
