"""The daily deadline job (`mileage.job_deadlines`, the `common.deadlines` pattern): leave and cash awaiting HR
publish a reminder once, then a missed deadline once, found by an index Query (no Scan); running it again publishes
nothing new; a redemption HR already decided raises no alarm.

The demo county's `redemption_execution` is 7 working days with a reminder 2 working days before: requested on
Monday 2026-11-30, the last day is Tuesday 12-08 (due 12-09 00:00 KST) and the reminder falls on Friday 12-04 09:00.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from bench.recorder import recording
from common.clock import KST
from mileage import fulfilment, job_deadlines, redemptions
from tests.builders import LambdaContext
from tests.integration.mileage.conftest import events_of
from tests.integration.mileage.test_redemptions import redeem

DUE = "2026-12-09T00:00:00+09:00"


@pytest.fixture
def clock(monkeypatch):
    """Moves the redemptions' and the job's clock to a KST moment."""

    def set_to(month: int, day: int, hour: int, minute: int = 0) -> None:
        moment = datetime(2026, month, day, hour, minute, tzinfo=KST)
        for module in (redemptions, fulfilment):
            monkeypatch.setattr(module, "now", lambda: moment)

    return set_to


def run_job() -> tuple[dict, list[str]]:
    with recording() as calls:
        counts = job_deadlines.handler({}, LambdaContext())
    return counts, [op for _, op, _ in calls]


def alarms(stack) -> list[tuple[str, str]]:
    return [(e["detail_type"], e["data"]["redemption_id"]) for e in events_of(stack, "MileageDeadlineApproaching")
            + events_of(stack, "MileageDeadlineMissed")]


def test_a_reminder_once_then_the_missed_deadline_once(api, stack, clock):
    api.credited(10)
    api.credited(10, title="두 번째")
    clock(11, 30, 10)
    waiting = redeem(api, "CASH_10K", "waits")[1]
    decided = redeem(api, "CASH_50K", "decided")[1]["redemption_id"]
    assert waiting["due_at"] == DUE
    assert api("POST", f"/mileage/redemptions/{decided}/confirm", "R1",
               {"reference": "지급-1", "executed_on": "2026-11-30"})[0] == 200
    rid = waiting["redemption_id"]

    clock(12, 3, 8, 30)  # before the reminder: nothing
    counts, calls = run_job()
    assert counts["due"] == 0 and alarms(stack) == []
    assert "Scan" not in calls and "Query" in calls

    clock(12, 4, 9, 30)  # the reminder, once
    counts, calls = run_job()
    assert (counts["due"], counts["approaching"]) == (1, 1) and "Scan" not in calls
    assert alarms(stack) == [("MileageDeadlineApproaching", rid)]
    [event] = events_of(stack, "MileageDeadlineApproaching")
    assert event["data"] == {"redemption_id": rid, "employee_no": "E1", "kind": "cash", "due_at": DUE,
                             "offices": ["hr"]}
    clock(12, 4, 10)
    assert run_job()[0]["due"] == 0 and len(alarms(stack)) == 1  # a second run the same day: nothing new

    clock(12, 8, 23, 59)  # the last day, not yet overdue
    assert run_job()[0]["due"] == 0
    listed = api("GET", "/mileage/redemptions", "R1", query={"kind": "cash"})[1]["items"]
    assert [(r["redemption_id"], r["overdue"]) for r in listed] == [(rid, False)]

    clock(12, 9, 8, 30)  # the period passed: missed, once
    counts, calls = run_job()
    assert (counts["due"], counts["missed"]) == (1, 1) and "Scan" not in calls
    assert alarms(stack) == [("MileageDeadlineApproaching", rid), ("MileageDeadlineMissed", rid)]
    assert events_of(stack, "MileageDeadlineMissed")[0]["data"]["due_at"] == DUE
    clock(12, 10, 8, 30)
    assert run_job()[0]["due"] == 0 and len(alarms(stack)) == 2  # nothing more, ever

    # HR's list shows it overdue; confirming it late still works
    listed = api("GET", "/mileage/redemptions", "R1", query={"kind": "cash"})[1]["items"]
    assert [(r["redemption_id"], r["overdue"], r["due_at"]) for r in listed] == [(rid, True, DUE)]
    assert api("POST", f"/mileage/redemptions/{rid}/confirm", "R1",
               {"reference": "지급-2", "executed_on": "2026-12-10"})[1]["status"] == "FULFILLED"


def test_a_job_that_ran_late_publishes_only_the_missed_deadline(api, stack, clock):
    api.credited(10)
    clock(11, 30, 10)
    rid = redeem(api, "CASH_10K", "late")[1]["redemption_id"]
    clock(12, 14, 8, 30)
    assert run_job()[0]["missed"] == 1
    assert alarms(stack) == [("MileageDeadlineMissed", rid)]


def test_runs_at_once_publish_once(api, stack, clock, one_request_at_a_time):
    """Runs that read the same alarm: only the one whose transaction finds it as read publishes."""
    from concurrent.futures import ThreadPoolExecutor

    api.credited(10)
    clock(11, 30, 10)
    redeem(api, "CASH_10K", "race")
    clock(12, 4, 9, 30)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: fulfilment.raise_deadline_alarms(), range(4)))
    assert sum(r["approaching"] for r in results) == 1
    assert len(alarms(stack)) == 1


def test_one_broken_case_does_not_keep_the_others_alarms_from_going_off(api, stack, clock):
    from mileage.storage.items import Redemption

    api.credited(10)
    clock(11, 30, 10)
    broken = redeem(api, "CASH_10K", "broken")[1]["redemption_id"]
    fine = redeem(api, "CASH_10K", "fine")[1]["redemption_id"]
    Redemption(f"REDEEM#{broken}", "META").update(actions=[Redemption.clock.set("{not json")])
    clock(12, 4, 9, 30)
    counts = fulfilment.raise_deadline_alarms()
    assert (counts["due"], counts["errors"], counts["approaching"]) == (2, 1, 1)
    assert alarms(stack) == [("MileageDeadlineApproaching", fine)]
