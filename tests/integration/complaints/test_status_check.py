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
    api.received(anonymous=True)  # no period runs for an anonymous sender
    _, decided = api.investigating()
    assert api.decide(decided)[0] == 200  # its clock stopped

    assert api("POST", f"/complaints/cases/{named}/reveal", "A1", {"reason": "면담 필요"})[0] == 200

    early = now() + timedelta(hours=1)
    assert status_check.run(early) == {"month": early.strftime("%Y-%m"), "open": 3, "listed": 0, "published": 1}
    late = early + timedelta(days=40)  # another month; past half (overdue, even)
    counts = status_check.run(late)
    assert (counts["open"], counts["listed"], counts["published"]) == (3, 3, 1)
    assert status_check.run(late + timedelta(hours=2))["published"] == 0  # once a month

    event = checks()[-1]
    assert isinstance(event, ComplaintsStatusChecked) and event.month == late.strftime("%Y-%m")
    assert event.offices == ["audit_head"]
    from complaints.storage.cases import reveal_chain_head

    assert event.reveal_log_head == reveal_chain_head() and event.reveal_log_entries == 1  # anchored monthly
    assert {d.department: sorted(c.case_id for c in d.cases) for d in event.departments} == {
        "FIN": sorted([named, by_number]), "WEL": [rerouted]}
    assert all(c.elapsed > 0.5 and c.due_at for d in event.departments for c in d.cases)
    assert not any(value in event.model_dump_json() for value in REPORTER.values())


def test_the_job_runs_the_check(api):
    assert job_status_check.handler({}, LambdaContext(function_name="complaints-status-check"))["published"] == 1
