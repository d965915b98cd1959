"""The demo roster's seconded official (2026040, WEL, `파견원소속` 강원특별자치도) through the directory's import: on
the staff record, on the EmployeeJoined event, and an end of the secondment counted as a change in the dry-run
preview before it is written (issue #15, 운영규정 §20)."""

from __future__ import annotations

import json

from tests.integration.directory.conftest import HR, demo_file, events_of


def test_the_demo_roster_brings_a_seconded_official_and_the_preview_shows_a_change(demo):
    joined = events_of(demo.outbox(), "EmployeeJoined")
    assert [joined[no].data["seconded_from"] for no in ("2026040", "2026013")] == ["강원특별자치도", None]
    status, record = demo.call("GET", "/directory/staff/2026040", claims=HR)
    assert (status, record["seconded_from"], record["department"]) == (200, "강원특별자치도", "WEL")

    lines = demo_file("staff.csv").decode().splitlines()
    ended = "\n".join(line.removesuffix(",강원특별자치도") for line in lines) + "\n"
    status, preview = demo.import_file(ended.encode(), "staff", dry_run="true")
    assert (status, preview["dry_run"], preview["changed"], preview["unchanged"]) == (200, True, 1, 30)
    assert demo.call("GET", "/directory/staff/2026040", claims=HR)[1]["seconded_from"] == "강원특별자치도"

    status, done = demo.import_file(ended.encode(), "staff")
    assert (status, done["changed"]) == (200, 1)
    changed = events_of(demo.outbox(), "EmployeeChanged")["2026040"]
    assert (changed.data["seconded_from"], changed.data["changed"]) == (None, ["seconded_from"])
    entry = next(h for h in demo.history("2026040") if h["kind"]["S"] == "changed")
    assert json.loads(entry["changes"]["S"]) == {"seconded_from": {"from": "강원특별자치도", "to": None}}
