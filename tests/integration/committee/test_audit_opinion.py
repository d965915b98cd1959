"""The audit head's opinion on an item (P1 §11⑦): the meeting's chair asks; due in 10 days, extended once by 10; the
audit head gives it; the item shows it."""

from __future__ import annotations

from committee.meetings import statutory_time
from committee.rules import schedule
from committee.rules.offices import rules
from common.clock import now
from common.county import county


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
