"""The deadline job on the shared clock, and the statistics with small counts suppressed (a stack per test: both
read every case of the table)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from common.clock import now
from complaints import clocks
from complaints.storage.cases import get_case
from contracts.complaints import ComplaintsDeadlineApproaching, ComplaintsDeadlineMissed
from tests.builders import LambdaContext, api_event, outbox, typed
from tests.integration.complaints.conftest import claims


def deadline_events() -> list:
    return [typed(e) for e in outbox("complaints") if e.detail_type.startswith("ComplaintsDeadline")]


def test_the_daily_job_reminds_then_reports_the_missed_period_once_each(api):
    from complaints import job_deadlines

    _, case_id = api.investigating()
    case = api("GET", f"/complaints/cases/{case_id}", "A1")[1]
    due = clocks.read(get_case(case_id)).due_at(clocks.office().statutory)
    assert case["due_at"] == due.isoformat()

    assert clocks.raise_deadline_alarms(now())["due"] == 0
    before = clocks.raise_deadline_alarms(due - timedelta(hours=1))
    assert (before["approaching"], before["missed"]) == (1, 0)
    assert clocks.raise_deadline_alarms(due - timedelta(hours=1))["due"] == 0  # rerun: nothing new
    after = clocks.raise_deadline_alarms(due + timedelta(minutes=1))
    assert after["missed"] == 1 and clocks.raise_deadline_alarms(due + timedelta(days=1))["due"] == 0
    approaching, missed = deadline_events()
    assert isinstance(approaching, ComplaintsDeadlineApproaching) and isinstance(missed, ComplaintsDeadlineMissed)
    assert (missed.case_id, missed.period, missed.status, missed.offices) == (
        case_id, "grievance_answer", "INVESTIGATING", ["audit", "audit_head"])  # overdue: escalated
    assert approaching.offices == ["audit"]
    assert job_deadlines.handler({}, LambdaContext())["due"] == 0


def test_a_rerouted_petitions_deadline_goes_to_the_competent_departments_head(api):
    _, case_id = api.rerouted()
    due = clocks.read(get_case(case_id)).due_at(clocks.office().statutory)
    assert clocks.raise_deadline_alarms(due - timedelta(hours=1))["approaching"] == 1
    [event] = deadline_events()
    assert (event.case_id, event.department, event.offices, event.status) == (
        case_id, "WEL", ["dept_head"], "REASSIGNED")


def test_a_decided_case_and_a_paused_one_raise_no_alarm(api):
    _, decided = api.investigating()
    _, paused = api.investigating()
    assert api.decide(decided)[0] == 200
    assert api("POST", f"/complaints/cases/{paused}/field-investigation", "A1",
               {"action": "start", "reason": "현장 확인"})[0] == 200
    assert clocks.raise_deadline_alarms(now() + timedelta(days=60))["due"] == 0
    assert deadline_events() == []


def test_the_intake_acknowledgement_runs_eight_working_hours(api, monkeypatch):
    receipt = api.report()
    case_id = api.case_of(receipt)
    clock = clocks.read(get_case(case_id))
    assert (clock.period, clock.rule.length, clock.rule.count.value) == ("intake_ack", 8, "working_hours")
    due = clock.due_at(clocks.office().statutory)
    counts = clocks.raise_deadline_alarms(due + timedelta(minutes=1))
    assert counts["missed"] == 1 and deadline_events()[0].period == "intake_ack"
    # acknowledged after its 8 working hours: the case says so (and a timely one does not)
    at(monkeypatch, due + timedelta(hours=1))
    status, case = api("POST", f"/complaints/cases/{case_id}/acknowledgement", "A1", {})
    assert (status, case["acknowledged_late"], case["clock_state"]) == (200, True, "running")
    monkeypatch.undo()
    _, timely = api.received()
    assert api("GET", f"/complaints/cases/{timely}", "A1")[1]["acknowledged_late"] is False


def test_statistics_suppress_small_counts_and_export_csv_and_xlsx(api):
    for _ in range(5):
        _, case_id = api.investigating()
        assert api.decide(case_id)[0] == 200
    api.rerouted(department="TAX", official=None)
    period = str(now().year)
    status, stats = api("GET", "/complaints/statistics", "A1", query={"period": period})
    assert status == 200, stats
    summary = stats["summary"]
    assert summary["total"] == 6
    # TAX's one case hidden alone would be 6 - 5: FIN's count is hidden with it (complementary suppression)
    assert {r["key"]: r["count"] for r in summary["by_department"]} == {"FIN": None, "TAX": None}
    assert {r["key"]: r["count"] for r in summary["by_type"]} == {"neglect": None, "not_passive": None}
    assert {r["key"]: r["count"] for r in summary["by_measure"]} == {"caution": 5, "warning": 5}
    assert summary["processing_days"]["count"] == 5 and summary["overdue"]["rate"] == 0.0

    status, text = raw("GET", "/complaints/statistics", {"period": period, "format": "csv"})
    table = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert ["부서", "TAX", "-"] in table and ["부서", "FIN", "-"] in table and ["조치", "caution", "5"] in table
    status, book = raw("GET", "/complaints/statistics", {"period": period, "format": "xlsx"})
    assert status == 200 and book[:2] == b"PK"
    for who in ("E1", "FH", "WH"):
        assert api("GET", "/complaints/statistics", who, query={"period": period})[0] == 403
    assert api("GET", "/complaints/statistics", "A1", query={"period": "20xx"})[1]["code"] == "INVALID_PERIOD"


def raw(method: str, path: str, query: dict) -> tuple[int, bytes]:
    import base64
    import importlib

    handler = importlib.import_module("complaints.api").handler
    response = handler(api_event(method, path, claims=claims("A1"), query=query), LambdaContext())
    body = response["body"]
    return response["statusCode"], base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()



def at(monkeypatch, moment) -> None:
    """The complaints area's clock reads `moment` (every module that asks `now()`)."""
    from complaints import handling, intake, receipts

    for module in (handling, intake, receipts, clocks):
        monkeypatch.setattr(module, "now", lambda: moment)


def test_a_field_investigation_past_its_limit_counts_the_days_after_it(api, monkeypatch):
    _, case_id = api.investigating()
    path = f"/complaints/cases/{case_id}/field-investigation"
    due = clocks.read(get_case(case_id)).due_at(clocks.office().statutory)
    start = now()
    at(monkeypatch, start)
    assert api("POST", path, "A1", {"action": "start", "reason": "현장 확인"})[0] == 200
    at(monkeypatch, start + timedelta(days=30))  # 16 days past the 14
    status, case = api("POST", path, "A1", {"action": "end", "reason": "조사 끝"})
    assert status == 200 and case["clock_state"] == "running"
    moved = clocks.read(get_case(case_id)).due_at(clocks.office().statutory)
    assert timedelta(days=14) <= moved - due < timedelta(days=19)  # only the 14 uncounted days (and their weekend)
    assert moved - due < timedelta(days=30)


def test_no_extension_once_the_period_ran_out(api, monkeypatch):
    _, case_id = api.investigating()
    due = clocks.read(get_case(case_id)).due_at(clocks.office().statutory)
    at(monkeypatch, due + timedelta(minutes=1))
    status, body = api("POST", f"/complaints/cases/{case_id}/extension", "A1", {"reason": "추가 조사"})
    assert (status, body["code"]) == (422, "PERIOD_EXPIRED")
