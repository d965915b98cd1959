"""The monthly status check (issue #14 "Deadlines"): open cases past half their period, per department, to the audit
head, once a month, by event — never the reporter."""

from __future__ import annotations

from datetime import timedelta

from common.clock import now
from complaints import job_status_check, status_check
from contracts.complaints import ComplaintsStatusChecked
from tests.builders import LambdaContext, outbox, typed
from tests.integration.complaints.conftest import REPORTER


def checks() -> list[ComplaintsStatusChecked]:
    return [typed(e) for e in outbox("complaints") if e.detail_type == "ComplaintsStatusChecked"]


def test_open_cases_past_half_their_period_go_to_the_audit_head_per_department_once_a_month(api):
    _, named = api.received()  # FIN (the report names it)
    _, by_number = api.received(department=None)  # E1 only: the directory's FIN
    _, rerouted = api.rerouted(to="WEL")  # the competent department answers it
    _, anonymous = api.received(anonymous=True)  # no period runs for an anonymous sender
    _, decided = api.investigating()
    assert api.decide(decided)[0] == 200  # its clock stopped: answered, only its close awaited
    _, closed = api.investigating()
    assert api.decide(closed)[0] == 200
    assert api("POST", f"/complaints/cases/{closed}/closing", "A1")[0] == 200  # off the open cases
    _, paused = api.investigating()  # a field investigation: its period paused
    assert api("POST", f"/complaints/cases/{paused}/field-investigation", "A1",
               {"action": "start", "reason": "현장 확인"})[0] == 200

    assert api("POST", f"/complaints/cases/{named}/reveal", "A1", {"reason": "면담 필요"})[0] == 200

    early = now() + timedelta(hours=1)
    # every case not closed; the paused one and the one without a period listed from the start
    assert status_check.run(early) == {"month": early.strftime("%Y-%m"), "open": 6, "listed": 2, "published": 1}
    first = checks()[-1]
    shown = {c.case_id: c for d in first.departments for c in d.cases}
    assert set(shown) == {anonymous, paused}
    assert (shown[anonymous].clock_state, shown[anonymous].period, shown[anonymous].elapsed,
            shown[anonymous].due_at) == ("none", None, None, None)
    assert shown[anonymous].open_since is not None
    assert (shown[paused].clock_state, shown[paused].period) == ("paused", "grievance_answer")
    assert shown[paused].paused_until is not None and 0 <= shown[paused].elapsed < 0.5

    late = early + timedelta(days=40)  # another month; past half (overdue, even)
    counts = status_check.run(late)
    assert (counts["open"], counts["listed"], counts["published"]) == (6, 5, 1)
    assert status_check.run(late + timedelta(hours=2))["published"] == 0  # once a month

    event = checks()[-1]
    assert isinstance(event, ComplaintsStatusChecked) and event.month == late.strftime("%Y-%m")
    assert event.offices == ["audit_head"]
    from complaints.storage.cases import reveal_chain_head

    assert event.reveal_log_head == reveal_chain_head() and event.reveal_log_entries == 1  # anchored monthly
    listed = {d.department: d.cases for d in event.departments}
    assert {d: {c.case_id for c in cases} for d, cases in listed.items()} == {
        "FIN": {named, by_number, paused, anonymous}, "WEL": {rerouted}}
    # most gone first, then the cases without a period
    assert listed["FIN"][-1].case_id == anonymous
    assert [c.elapsed for c in listed["FIN"][:-1]] == sorted((c.elapsed for c in listed["FIN"][:-1]), reverse=True)
    running = [c for d in event.departments for c in d.cases if c.clock_state == "running"]
    assert {c.case_id for c in running} == {named, by_number, rerouted}
    assert all(c.elapsed > 0.5 and c.due_at for c in running)
    # the pause ended at its limit (14 days): the days after it count, so the paused case is overdue too
    [late_paused] = [c for d in event.departments for c in d.cases if c.case_id == paused]
    assert late_paused.clock_state == "paused" and late_paused.elapsed > 1
    assert not any(value in event.model_dump_json() for value in REPORTER.values())


def test_the_job_runs_the_check(api):
    assert job_status_check.handler({}, LambdaContext(function_name="complaints-status-check"))["published"] == 1
