"""The daily deadline job (issue #13: "the daily job raises ConsultingDeadlineApproaching / ConsultingDeadlineMissed"):
one index Query per kind; each reminder and the miss once; a rerun publishes nothing; a case waiting on the
department (보완) has no alarm, and resuming arms it again; a stopped clock (the opinion issued) none."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bench.recorder import recording
from common.clock import KST
from consulting import deadlines
from contracts.consulting import ConsultingDeadlineApproaching, ConsultingDeadlineMissed
from tests.builders import outbox, typed


def deadline_events() -> list:
    return [typed(e) for e in outbox("consulting") if e.detail_type.startswith("ConsultingDeadline")]


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), KST)


def test_reminders_then_the_miss_each_once(api):
    case = api.filed()
    due = date.fromisoformat(case["due_day"])

    assert deadlines.raise_deadline_alarms(at(due - timedelta(days=20)))["due"] == 0  # nothing yet
    late = at(due - timedelta(days=1), 17)  # after both reminders (5 and 1 working days before)
    with recording() as calls:
        assert deadlines.raise_deadline_alarms(late)["approaching"] == 1  # the reminders passed together: one
    assert "Scan" not in [op for _, op, _ in calls] and "Query" in [op for _, op, _ in calls]
    assert deadlines.raise_deadline_alarms(late)["approaching"] == 0  # a rerun: nothing new
    after = at(due + timedelta(days=1))
    assert deadlines.raise_deadline_alarms(after)["missed"] == 1
    assert deadlines.raise_deadline_alarms(after + timedelta(days=30))["due"] == 0  # nothing more, ever

    events = deadline_events()
    assert [type(e) for e in events] == [ConsultingDeadlineApproaching, ConsultingDeadlineMissed]
    assert {(e.case_kind, e.case_id, e.period, e.offices[0]) for e in events} == {
        ("pre_consulting", case["case_id"], "pre_consulting_answer", "audit")}
    assert events[1].due_at.startswith((due + timedelta(days=1)).isoformat())  # the end of the last day


def test_a_case_waiting_for_its_supplement_raises_nothing_of_its_answer_and_an_issued_opinion_nothing_more(api):
    case = api.filed()
    due = date.fromisoformat(case["due_day"])
    api.move(case["case_id"], "supplement-request", "A1", {"reason": "보완"})
    deadlines.raise_deadline_alarms(at(due + timedelta(days=5)))  # the answer is paused: only the 보완 period's
    assert {e.period for e in deadline_events()} == {"consulting_supplement"}

    back = api.move(case["case_id"], "resubmission", "R1", {"note": "보완함"})
    assert date.fromisoformat(back["due_day"]) >= due  # the days it waited are not counted
    api.move(case["case_id"], "acceptance", "A1")
    api.move(case["case_id"], "opinion", "A1", {"opinion": "가능"})
    assert deadlines.raise_deadline_alarms(at(due + timedelta(days=60)))["due"] == 0  # stopped: no alarm
    assert {e.period for e in deadline_events()} == {"consulting_supplement"}


def test_an_opinion_request_runs_on_its_own_period_for_the_aa_officer(api):
    case = api.requested()
    due = date.fromisoformat(case["due_day"])
    assert deadlines.raise_deadline_alarms(at(due + timedelta(days=1)))["missed"] == 1
    [missed] = deadline_events()
    assert (missed.case_kind, missed.period, missed.offices) == ("opinion_request", "committee_opinion", ["aa_officer"])


def test_while_the_department_completes_its_request_the_alarm_follows_its_supplement_period(api):
    case_id = api.filed()["case_id"]
    asked = api.move(case_id, "supplement-request", "A1", {"reason": "선례 첨부"})
    supplement_due = date.fromisoformat(asked["supplement_due_day"])

    assert deadlines.raise_deadline_alarms(at(supplement_due - timedelta(days=1), 17))["approaching"] == 1
    assert deadlines.raise_deadline_alarms(at(supplement_due + timedelta(days=1)))["missed"] == 1
    events = deadline_events()
    assert [(type(e), e.period, e.offices, e.department) for e in events] == [
        (ConsultingDeadlineApproaching, "consulting_supplement", [], "FIN"),
        (ConsultingDeadlineMissed, "consulting_supplement", [], "FIN")]

    back = api.move(case_id, "resubmission", "R1", {"note": "첨부함"})  # the answer period's alarm again
    answer_due = date.fromisoformat(back["due_day"])
    assert deadlines.raise_deadline_alarms(at(answer_due + timedelta(days=1)))["missed"] == 1
    assert deadline_events()[-1].period == "pre_consulting_answer"


def test_the_quarters_bai_report_is_reminded_then_submitted_once_after_the_quarter(api, monkeypatch):
    from consulting import exemptions
    from tests.integration.consulting.conftest import file_exemption

    case_id = file_exemption(api)["case"]["case_id"]
    assert api("POST", f"/consulting/exemptions/{case_id}/decision", "H1",
               {"decision": "EXEMPT", "reasons": "요건 충족"})[0] == 200
    quarter = exemptions.rules.quarter(date.fromisoformat(api("GET", f"/consulting/exemptions/{case_id}",
                                                               "H1")[1]["decided_on"]))
    end = exemptions.rules.quarter_end(quarter).date()
    report = api("GET", f"/consulting/exemption-reports/{quarter}", "H1")[1]
    due = date.fromisoformat(report["due_day"])
    assert end < due <= end + timedelta(days=12)  # 10 calendar days from the quarter's end, rolled past holidays

    assert deadlines.raise_deadline_alarms(at(due - timedelta(days=2)))["approaching"] == 1
    [reminded] = deadline_events()
    assert (reminded.case_kind, reminded.case_id, reminded.department, reminded.period, reminded.offices) == (
        "bai_report", quarter, None, "bai_quarterly_report", ["audit_head"])

    path = f"/consulting/exemption-reports/{quarter}/submission"
    assert api("POST", path, "H1")[1]["code"] == "QUARTER_NOT_ENDED"  # today is in the quarter
    monkeypatch.setattr(exemptions, "now", lambda: at(due - timedelta(days=1), 15))
    status, submitted = api("POST", path, "H1")
    assert (status, submitted["submitted_by"], [r["exemption_id"] for r in submitted["rows"]]) == (200, "H1", [case_id])
    assert api("POST", path, "H1")[1]["code"] == "REPORT_SUBMITTED"
    assert deadlines.raise_deadline_alarms(at(due + timedelta(days=3)))["due"] == 0  # submitted: no alarm left


def test_a_supplement_never_made_is_refused_after_its_period_and_the_case_has_no_alarm_left(api, monkeypatch):
    from consulting import pre_consultings

    case_id = api.filed()["case_id"]
    asked = api.move(case_id, "supplement-request", "A1", {"reason": "선례 첨부"})
    supplement_due = date.fromisoformat(asked["supplement_due_day"])
    missed = {"reason_code": "supplement_not_made"}
    assert api.move(case_id, "refusal", "A1", missed, expect=409)["code"] == "SUPPLEMENT_PERIOD_RUNNING"
    monkeypatch.setattr(pre_consultings, "now", lambda: at(supplement_due + timedelta(days=1)))
    assert api.move(case_id, "refusal", "A1", {"reason_code": "law_clear"}, expect=409)["code"] == "INVALID_STATE"
    refused = api.move(case_id, "refusal", "A1", missed)
    assert (refused["status"], refused["clock_state"], refused["refusal_reason"]) == (
        "REFUSED", "stopped", "supplement_not_made")
    assert deadlines.raise_deadline_alarms(at(supplement_due + timedelta(days=90)))["due"] == 0
