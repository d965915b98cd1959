"""Meetings: created with their sitting, listed, their attendance recorded."""

from __future__ import annotations

from committee.storage.items import MEETING_CLOSED, MEETING_OPEN, MEETINGS, MeetingItem
from common.dynamo import conditional, find
from common.errors import Conflict

OPEN_CONDITION = MeetingItem.state == MEETING_OPEN  # a sitting's writes hold to it (in their own transaction)


def not_open(meeting_id: str) -> Conflict:
    return Conflict("회의가 열려 있지 않습니다 (위원장이 개회한 뒤, 폐회하기 전에만 할 수 있습니다).",
                    code="MEETING_NOT_OPEN", details={"meeting_id": meeting_id})


def get_meeting(meeting_id: str) -> MeetingItem | None:
    return find(MeetingItem, *MeetingItem.key(meeting_id))


def meetings() -> list[MeetingItem]:
    """Every meeting by day (the `MEETINGS` index partition: a few a year)."""
    return list(MeetingItem.listed.query(MEETINGS))


def add_meeting(item: MeetingItem) -> None:
    item.save(condition=MeetingItem.pk.does_not_exist())


def record_attendance(meeting_id: str, present: list[str]) -> None:
    """The attendance of an open meeting (refused once it was closed, or before it was opened)."""
    with conditional(not_open(meeting_id)):
        MeetingItem(*MeetingItem.key(meeting_id)).update(actions=[MeetingItem.present.set(present)],
                                                         condition=OPEN_CONDITION)


def set_presiding(meeting_id: str, member_id: str | None, *, reason: str | None, by: str) -> None:
    """Who presides in the chair's stead (none: the chair again), until the meeting is closed."""
    refused = Conflict("폐회한 회의입니다.", code="MEETING_CLOSED", details={"meeting_id": meeting_id})
    with conditional(refused):
        MeetingItem(*MeetingItem.key(meeting_id)).update(
            actions=[MeetingItem.presiding_id.set(member_id), MeetingItem.presiding_reason.set(reason),
                     MeetingItem.presiding_by.set(by)],
            condition=MeetingItem.pk.exists() & (MeetingItem.state.does_not_exist()
                                                 | (MeetingItem.state == MEETING_OPEN)))


def open_meeting(meeting_id: str, at: str) -> None:
    """The chair opens the meeting once: a second opening (or one after it was closed) is refused."""
    refused = Conflict("이미 개회한 회의입니다.", code="MEETING_ALREADY_OPENED", details={"meeting_id": meeting_id})
    with conditional(refused):
        MeetingItem(*MeetingItem.key(meeting_id)).update(
            actions=[MeetingItem.state.set(MEETING_OPEN), MeetingItem.opened_at.set(at)],
            condition=MeetingItem.pk.exists() & MeetingItem.state.does_not_exist())


def close_meeting(meeting_id: str, at: str) -> None:
    """The chair closes the open meeting once: from here no vote, attendance or resolution lands on it."""
    with conditional(not_open(meeting_id)):
        MeetingItem(*MeetingItem.key(meeting_id)).update(
            actions=[MeetingItem.state.set(MEETING_CLOSED), MeetingItem.closed_at.set(at)],
            condition=OPEN_CONDITION)
