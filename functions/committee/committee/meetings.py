"""Meetings: the secretary creates them (regular, ad hoc, written) with their sitting, assigns items and records
attendance; members see the meetings they sit on, with the sitting's breaches of the county's rules."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from committee import members
from committee.models import MeetingIn
from committee.rules import schedule, sitting
from committee.rules.offices import is_secretary, member_of, rules, secretariat
from committee.rules.roster import Breach
from committee.storage import agenda as agenda_store
from committee.storage import meetings as stored
from committee.storage.items import MEETING_OPEN, RESOLVED, MeetingItem
from common.clock import now, to_kst
from common.county import county
from common.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from common.identity import Caller, role_labels
from common.statutory import CaseClock, Office, StatutoryTime

NOT_FOUND = NotFound("회의가 없습니다.", code="MEETING_NOT_FOUND")


def require_secretary(who: Caller) -> None:
    if not is_secretary(who):
        raise Forbidden(f"적극행정위원회 간사 업무를 맡은 직위만 할 수 있습니다: {role_labels(secretariat())}",
                        code="NOT_SECRETARY",
                        details={"required_roles": [r.value for r in secretariat()]})


def statutory_time() -> StatutoryTime:
    return Office.of(county()).statutory


def create(who: Caller, body: MeetingIn) -> MeetingItem:
    require_secretary(who)
    known = members.all_members()
    if strays := sorted({body.chair_id, *body.designated} - set(known)):
        raise InvalidInput("위원 명단에 없는 위원입니다.", code="UNKNOWN_MEMBER", details={"member_ids": strays})
    by = who.employee_no or who.subject
    window = None
    if body.kind == "written":
        window = schedule.open_written_vote(rules(), county().clock, at=now(), by=by)
    elif body.held_on is None:
        raise InvalidInput("정기·수시회의는 회의일(held_on)이 있어야 합니다.", code="MEETING_DAY_REQUIRED")
    meeting_id = uuid4().hex
    day = body.held_on.isoformat() if body.held_on else to_kst(now()).date().isoformat()
    item = MeetingItem.new(meeting_id, day=day, kind=body.kind, title=body.title,
                           held_on=body.held_on.isoformat() if body.held_on and not window else None,
                           window=window.model_dump_json() if window else None, chair_id=body.chair_id,
                           designated=list(dict.fromkeys(body.designated)), created_at=now().isoformat(),
                           created_by=by)
    rule_sitting(item)  # the chair among the designated is refused (SITTING_DUPLICATE_MEMBER)
    stored.add_meeting(item)
    return item


def listing(who: Caller) -> list[MeetingItem]:
    """The secretary's: every meeting; a member's: the meetings they sit on."""
    if is_secretary(who):
        return stored.meetings()
    mine = member_of(who)
    if mine is None or members.get(mine) is None:
        raise Forbidden("적극행정위원회 위원과 간사만 볼 수 있습니다.", code="NOT_ON_COMMITTEE")
    return [m for m in stored.meetings() if mine in sitting_ids(m)]


def read(who: Caller, meeting_id: str) -> MeetingItem:
    meeting = get(meeting_id)
    if not (is_secretary(who) or member_of(who) in sitting_ids(meeting)):
        raise Forbidden("이 회의에 지정된 위원과 간사만 볼 수 있습니다.", code="NOT_IN_SITTING")
    return meeting


def get(meeting_id: str) -> MeetingItem:
    meeting = stored.get_meeting(meeting_id)
    if meeting is None:
        raise NOT_FOUND
    return meeting


def sitting_ids(meeting: MeetingItem) -> set[str]:
    return {meeting.chair_id, *meeting.designated}


def sits_on(who: Caller, meeting_id: str | None) -> bool:
    """Whether the caller sits on that meeting (the chair or a designated member)."""
    mine = member_of(who)
    if mine is None or meeting_id is None:
        return False
    meeting = stored.get_meeting(meeting_id)
    return meeting is not None and mine in sitting_ids(meeting)


def presiding(meeting: MeetingItem) -> str:
    """Who chairs the meeting now: the member presiding in the chair's stead (직무대행), or the chair."""
    return meeting.presiding_id or meeting.chair_id


def chairs(who: Caller, meeting: MeetingItem) -> bool:
    """The caller presides over the meeting: opens and closes it, asks the audit head, reads tallies and minutes."""
    return member_of(who) == presiding(meeting)


def set_presiding(who: Caller, meeting_id: str, member_id: str | None, reason: str | None) -> MeetingItem:
    """직무대행: where the chair cannot act, the member the chair named presides in their stead — recorded by the chair
    or by the secretary (from the chair's designation), with the reason; `member_id` none gives the chair back."""
    meeting = get(meeting_id)
    if not (is_secretary(who) or member_of(who) == meeting.chair_id):
        raise Forbidden("위원장이나 간사만 직무대행을 지정할 수 있습니다.", code="NOT_SECRETARY_OR_CHAIR")
    if member_id is not None:
        if member_id == meeting.chair_id or member_id not in meeting.designated:
            raise InvalidInput("직무대행은 이 회의에 지정된 위원(위원장 제외) 중에서 정합니다.",
                               code="NOT_IN_SITTING", details={"member_id": member_id})
        if not reason:
            raise InvalidInput("직무대행의 사유를 적어 주세요.", code="REASON_REQUIRED")
    stored.set_presiding(meeting_id, member_id, reason=reason if member_id else None, by=who.employee_no or who.subject)
    return get(meeting_id)


def assign(who: Caller, meeting_id: str, item_id: str) -> MeetingItem:
    require_secretary(who)
    meeting = get(meeting_id)
    item = agenda_store.get_agenda_item(item_id)
    if item is None:
        raise NotFound("안건이 없습니다.", code="ITEM_NOT_FOUND")
    agenda_store.assign(item, meeting_id)
    return meeting


def sitting_of(meeting: MeetingItem) -> str | None:
    """The meeting whose opening a sitting's write depends on: a regular or ad hoc meeting's id (a written meeting
    has its reply window instead)."""
    return None if meeting.kind == "written" else meeting.meeting_id


def ensure_open(meeting: MeetingItem) -> None:
    """Votes, attendance and resolutions happen between the chair's opening and closing of the meeting (the
    storage's writes check it again in their own transaction)."""
    if sitting_of(meeting) is not None and meeting.state != MEETING_OPEN:
        raise stored.not_open(meeting.meeting_id)


def _require_chair(who: Caller, meeting: MeetingItem) -> None:
    if not chairs(who, meeting):
        raise Forbidden("회의의 위원장만 개회·폐회할 수 있습니다.", code="NOT_CHAIR")
    if meeting.kind == "written":
        raise RuleViolation("서면회의는 회신 기간이 회의입니다 (개회·폐회 없음).", code="WRITTEN_MEETING_WINDOW")


def open_meeting(who: Caller, meeting_id: str) -> MeetingItem:
    """The chair opens the meeting (once)."""
    meeting = get(meeting_id)
    _require_chair(who, meeting)
    stored.open_meeting(meeting_id, now().isoformat())
    return get(meeting_id)


def close_meeting(who: Caller, meeting_id: str) -> tuple[MeetingItem, list[str]]:
    """The chair closes the open meeting (once): the meeting and its items left unresolved."""
    meeting = get(meeting_id)
    _require_chair(who, meeting)
    stored.close_meeting(meeting_id, now().isoformat())
    return get(meeting_id), unresolved(meeting_id)


def unresolved(meeting_id: str) -> list[str]:
    return [i.item_id for i in agenda_store.items_of_meeting(meeting_id) if i.status != RESOLVED]


def record_attendance(who: Caller, meeting_id: str, present: list[str]) -> MeetingItem:
    require_secretary(who)
    meeting = get(meeting_id)
    if meeting.kind == "written":
        raise RuleViolation("서면회의의 출석은 기간 안에 도착한 서면 표결입니다.",
                            code="WRITTEN_MEETING_ATTENDANCE")
    if strays := sorted(set(present) - sitting_ids(meeting)):
        raise InvalidInput("회의 구성에 없는 위원이 출석으로 기록되었습니다.", code="NOT_IN_SITTING",
                           details={"member_ids": strays})
    ensure_open(meeting)
    stored.record_attendance(meeting_id, sorted(set(present)))
    return get(meeting_id)


def rule_sitting(meeting: MeetingItem) -> sitting.Sitting:
    """The meeting's sitting with its members as the rules see them."""
    known = members.all_members()
    return sitting.Sitting(meeting.meeting_id, known[meeting.chair_id],
                           tuple(known[m] for m in meeting.designated if m in known))


def breaches(meeting: MeetingItem) -> list[Breach]:
    return sitting.breaches(rule_sitting(meeting), as_schedule(meeting).ends_on(statutory_time()), rules())


def window(meeting: MeetingItem) -> CaseClock | None:
    return CaseClock.stored(meeting.window) if meeting.window else None


def as_schedule(meeting: MeetingItem) -> schedule.Meeting:
    return schedule.Meeting(meeting.meeting_id, schedule.MeetingKind(meeting.kind),
                            held_on=date.fromisoformat(meeting.held_on) if meeting.held_on else None,
                            window=window(meeting))


def schedule_meetings() -> list[schedule.Meeting]:
    return [as_schedule(m) for m in stored.meetings()]


def item_ids(meeting_id: str) -> list[str]:
    return [i.item_id for i in agenda_store.items_of_meeting(meeting_id)]
