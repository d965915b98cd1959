"""Notifications (issue #13, the next slice): the requester and their department are told of each decision on their
case and of a deadline of their own (보완) or one the county missed, through the notification port's fake; a move
refused tells no one; a reminder of the office's own answer period goes to the office (the event), not the requester."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from common.clock import KST
from consulting import deadlines
from consulting.clients import notifications


@pytest.fixture(autouse=True)
def sent():
    notifications.SENT.clear()
    yield notifications.SENT
    notifications.SENT.clear()


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), KST)


def told(case_id: str) -> list[tuple[str | None, str | None, str]]:
    return [(n.employee_no, n.department, n.subject) for n in notifications.SENT if n.case_id == case_id]


def test_each_decision_on_a_pre_consulting_is_told_to_its_requester_and_department(api):
    case_id = api.filed("R1")["case_id"]
    assert told(case_id) == []  # filing is no decision
    api.move(case_id, "supplement-request", "A1", {"reason": "선례 첨부"})
    api.move(case_id, "resubmission", "R1", {"note": "첨부함"})
    api.move(case_id, "acceptance", "A1")
    api.move(case_id, "opinion", "A1", {"opinion": "연장 가능"})
    assert told(case_id) == [("R1", "FIN", "사전컨설팅 보완 요청"), ("R1", "FIN", "사전컨설팅 접수"),
                             ("R1", "FIN", "사전컨설팅 의견 회신")]
    assert notifications.SENT[-1].text == "연장 가능"


def test_a_refused_move_tells_no_one(api):
    case_id = api.accepted()
    notifications.SENT.clear()
    api.move(case_id, "acceptance", "A1", expect=409)  # out of order
    api.move(case_id, "acceptance", "R2", expect=403)  # not the audit office
    assert told(case_id) == []


def test_the_requesters_own_supplement_deadline_and_a_missed_answer_are_told_the_offices_reminder_is_not(api):
    case_id = api.filed("R1")["case_id"]
    asked = api.move(case_id, "supplement-request", "A1", {"reason": "선례 첨부"})
    supplement_due = date.fromisoformat(asked["supplement_due_day"])
    notifications.SENT.clear()
    deadlines.raise_deadline_alarms(at(supplement_due - timedelta(days=1), 17))
    deadlines.raise_deadline_alarms(at(supplement_due + timedelta(days=1)))
    assert told(case_id) == [("R1", "FIN", "사전컨설팅 보완 제출 기한 임박"),
                             ("R1", "FIN", "사전컨설팅 보완 제출 기한 경과")]

    back = api.move(case_id, "resubmission", "R1", {"note": "첨부함"})
    answer_due = date.fromisoformat(back["due_day"])
    notifications.SENT.clear()
    deadlines.raise_deadline_alarms(at(answer_due - timedelta(days=1), 17))  # the office's own reminder: not told
    assert told(case_id) == []
    deadlines.raise_deadline_alarms(at(answer_due + timedelta(days=1)))
    assert told(case_id) == [("R1", "FIN", "사전컨설팅 회신 기한 경과")]
    deadlines.raise_deadline_alarms(at(answer_due + timedelta(days=2)))  # a rerun: told once
    assert len(told(case_id)) == 1
