"""The demo county's committee rules and a roster that keeps them, for the committee's rule tests."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

from committee.rules.roster import Member
from common.clock import KST
from common.county import load_county_file
from common.county_committee import CommitteeSection
from common.statutory import Office

DEMO = load_county_file(Path(__file__).resolve().parents[3] / "infra" / "counties" / "demo.yaml")
assert DEMO.committee is not None
RULES: CommitteeSection = DEMO.committee
TIME = Office.of(DEMO).statutory  # the national calendar: what statutory periods count
DAY = date(2026, 11, 30)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KST)


def rules(**changes: Any) -> CommitteeSection:
    """The demo's rules with some changed (validated like the county file: `{"quorum": {"at_least": "1/2"}}`)."""
    return CommitteeSection.model_validate({**RULES.model_dump(mode="json"), **changes})


def staff(member_id: str, **fields: Any) -> Member:
    return Member(member_id, civilian=False, gender=fields.pop("gender", "M"), employee_no=member_id,
                  department=fields.pop("department", "ADM"), **fields)


def civilian(member_id: str, gender: str = "F", **fields: Any) -> Member:
    return Member(member_id, civilian=True, gender=gender, term_starts=date(2025, 1, 1), term_ends=date(2026, 12, 31),
                  **fields)


def roster() -> list[Member]:
    """Ten members keeping every demo rule: the deputy head chairs, the audit head sits, 6 civilians (3 F, 3 M)."""
    return [
        staff("S-DEPUTY", deputy_head=True, chair=True),
        staff("S-AUDIT", audit_head=True, department="AUD"),
        staff("S-PLAN", department="PLN", gender="F"),
        staff("S-FIN", department="FIN"),
        civilian("C1", "F"), civilian("C2", "F"), civilian("C3", "F"),
        civilian("C4", "M"), civilian("C5", "M"), civilian("C6", "M"),
    ]


def replace(members: list[Member], member_id: str, **changes: Any) -> list[Member]:
    return [dataclasses.replace(m, **changes) if m.member_id == member_id else m for m in members]
