"""The audit head's opinion on an item (P1 §11⑦): the meeting's chair asks; due in 10 days, extended once by 10; the
audit head gives it; the item shows it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from committee import opinion_alarms
from committee.meetings import statutory_time
from committee.rules import schedule
from committee.rules.offices import rules
from common.clock import KST, now
from common.county import county
from contracts.committee import CommitteeDeadlineApproaching, CommitteeDeadlineMissed
from tests.builders import outbox, typed


def due_days() -> tuple[str, str]:
    """The opinion's due day asked now, and after its one extension (statutory days: a period ending on a holiday
    runs to the next working day)."""
    asked = schedule.ask_audit_head(rules(), county().clock, at=now(), by="test")
    extended = schedule.extend_audit_head(asked, statutory_time(), at=now(), by="test", reason="test")
    return asked.due_day(statutory_time()).isoformat(), extended.due_day(statutory_time()).isoformat()


def test_the_chair_asks_the_audit_head_who_extends_once_and_answers(api):
    item_id = api.sitting_item()
    assert api("POST", f"/committee/items/{item_id}/audit-opinion/request", "K1")[1]["code"] == "NOT_CHAIR"
    status, item = api("POST", f"/committee/items/{item_id}/audit-opinion/request", "D1")
    assert status == 201, item
    asked = item["audit_opinion"]
    first, extended = due_days()
    assert (asked["due_day"], asked["extended"], asked["opinion"]) == (first, False, None)
    assert api("POST", f"/committee/items/{item_id}/audit-opinion/request", "D1")[1]["code"] == "AUDIT_OPINION_ASKED"

    status, item = api("POST", f"/committee/items/{item_id}/audit-opinion/extension", "K1", {"reason": "자료 검토"})
    assert (status, item["audit_opinion"]["extended"]) == (200, True)
    assert item["audit_opinion"]["due_day"] == extended
    again = api("POST", f"/committee/items/{item_id}/audit-opinion/extension", "K1", {"reason": "추가 검토"})
    assert again[1]["code"] == "AUDIT_OPINION_EXTENDED_ONCE"

    assert api("PUT", f"/committee/items/{item_id}/audit-opinion", "D1", {"opinion": "의견"})[0] == 403
    status, item = api("PUT", f"/committee/items/{item_id}/audit-opinion", "K1", {"opinion": "면책 요건 충족"})
    assert (status, item["audit_opinion"]["opinion"]) == (200, "면책 요건 충족")
    assert item["audit_opinion"]["answered_at"] is not None
    assert api("PUT", f"/committee/items/{item_id}/audit-opinion", "K1",
               {"opinion": "다시"})[1]["code"] == "AUDIT_OPINION_GIVEN"


def test_the_daily_job_reminds_once_then_reports_the_opinion_missed_and_stops_once_answered(api):
    def published() -> list:
        return [typed(e) for e in outbox("committee") if e.detail_type.startswith("CommitteeDeadline")]

    item_id = api.sitting_item()
    asked = api("POST", f"/committee/items/{item_id}/audit-opinion/request", "D1")[1]["audit_opinion"]
    first, _ = due_days()
    due_day = date.fromisoformat(asked["due_day"])
    assert asked["due_day"] == first
    before = datetime.combine(due_day - timedelta(days=1), time(9), tzinfo=KST)
    assert opinion_alarms.raise_deadline_alarms(before)["approaching"] >= 1
    again = opinion_alarms.raise_deadline_alarms(before)
    assert again["approaching"] == 0  # a second run publishes nothing new
    reminders = published()
    assert reminders and all(isinstance(e, CommitteeDeadlineApproaching) for e in reminders)
    assert {(e.item_id, e.offices[0], e.period) for e in reminders} == {(item_id, "audit_head", "audit_head_opinion")}

    after = datetime.combine(due_day + timedelta(days=1), time(9), tzinfo=KST)
    assert opinion_alarms.raise_deadline_alarms(after)["missed"] == 1
    assert isinstance(published()[-1], CommitteeDeadlineMissed)
    count = len(published())
    assert opinion_alarms.raise_deadline_alarms(after + timedelta(days=1))["due"] == 0  # nothing more is due

    # answered: a fresh request's alarm goes with the answer
    other = api.sitting_item()
    api("POST", f"/committee/items/{other}/audit-opinion/request", "D1")
    api("PUT", f"/committee/items/{other}/audit-opinion", "K1", {"opinion": "의견"})
    assert opinion_alarms.raise_deadline_alarms(after + timedelta(days=30))["due"] == 0
    assert len(published()) == count
