"""The demo county's consulting section and statutory time, for the consulting area's rule tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from common.clock import KST
from common.county import load_county_file
from common.statutory import Office

DEMO = load_county_file(Path(__file__).resolve().parents[3] / "infra" / "counties" / "demo.yaml")
assert DEMO.consulting is not None
SECTION = DEMO.consulting
TIME = Office.of(DEMO).statutory  # the national calendar: what statutory periods count


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KST)
