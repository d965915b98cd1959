"""/committee/meetings: meetings with their sitting (the secretary creates them, assigns items, records attendance;
members see the meetings they sit on, with the sitting's breaches)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from committee import meetings
from committee.models import (
    AttendanceIn,
    BreachOut,
    MeetingClosedOut,
    MeetingIn,
    MeetingList,
    MeetingOut,
    PresidingIn,
)
from common.http import current_caller
from common.idempotency import once
from common.identity import Caller
from common.params import RecordId

router = APIGatewayHttpRouter()


def meeting_out(meeting: Any) -> MeetingOut:
    plan = meetings.as_schedule(meeting)
    return MeetingOut(meeting_id=meeting.meeting_id, kind=meeting.kind, title=meeting.title,
                      held_on=plan.held_on, window_closes_on=plan.ends_on(meetings.statutory_time())
                      if plan.window else None, chair_id=meeting.chair_id, designated=list(meeting.designated),
                      present=list(meeting.present or []), items=meetings.item_ids(meeting.meeting_id),
                      breaches=[BreachOut(**b.as_dict()) for b in meetings.breaches(meeting)],
                      state=(meeting.state or "planned").lower(), opened_at=meeting.opened_at,
                      closed_at=meeting.closed_at, presiding_id=meeting.presiding_id,
                      presiding_reason=meeting.presiding_reason)


def _create(caller: Caller, payload: dict[str, Any]) -> dict[str, Any]:
    return meeting_out(meetings.create(caller, MeetingIn.model_validate(payload))).model_dump(mode="json")


@router.post("/committee/meetings", summary="회의 만들기와 회의 구성 지정 (간사): 정기·수시·서면",
             description="같은 Idempotency-Key 로 다시 보내면 처음 결과를 돌려주고 한 번만 만듭니다.")
def create(body: MeetingIn) -> Response[MeetingOut]:
    result = once("committee-meeting", _create, caller=current_caller(router),
                  key=router.current_event.headers.get("idempotency-key"), payload=body.model_dump(mode="json"),
                  table_variable="COMMITTEE_TABLE", context=router.lambda_context)
    return Response(201, content_types.APPLICATION_JSON, result)


@router.get("/committee/meetings", summary="회의 목록 (간사: 전부, 위원: 지정된 회의)")
def listing() -> MeetingList:
    return MeetingList(meetings=[meeting_out(m) for m in meetings.listing(current_caller(router))])


@router.get("/committee/meetings/<meeting_id>", summary="회의 (간사, 지정된 위원): 안건, 구성, 출석, 구성 기준 위반")
def read(meeting_id: RecordId) -> MeetingOut:
    return meeting_out(meetings.read(current_caller(router), meeting_id))


@router.put("/committee/meetings/<meeting_id>/items/<item_id>", summary="안건을 회의에 배정 (간사)")
def assign(meeting_id: RecordId, item_id: RecordId) -> MeetingOut:
    return meeting_out(meetings.assign(current_caller(router), meeting_id, item_id))


@router.put("/committee/meetings/<meeting_id>/attendance", summary="출석 기록 (간사; 서면회의는 기간 안의 표결)")
def attendance(meeting_id: RecordId, body: AttendanceIn) -> MeetingOut:
    return meeting_out(meetings.record_attendance(current_caller(router), meeting_id, body.present))


@router.put("/committee/meetings/<meeting_id>/presiding",
            summary="직무대행 지정 (위원장, 간사): 위원장 대신 회의를 진행할 위원과 사유; null 이면 위원장에게 돌려줌")
def presiding(meeting_id: RecordId, body: PresidingIn) -> MeetingOut:
    return meeting_out(meetings.set_presiding(current_caller(router), meeting_id, body.member_id, body.reason))


@router.post("/committee/meetings/<meeting_id>/opening", summary="개회 (회의의 위원장, 한 번)",
             description="개회한 뒤 폐회하기 전에만 출석 기록, 표결, 의결이 됩니다. 서면회의는 회신 기간이 회의입니다.")
def open_meeting(meeting_id: RecordId) -> MeetingOut:
    return meeting_out(meetings.open_meeting(current_caller(router), meeting_id))


@router.post("/committee/meetings/<meeting_id>/closing", summary="폐회 (회의의 위원장, 한 번): 의결되지 않은 안건 목록")
def close_meeting(meeting_id: RecordId) -> MeetingClosedOut:
    meeting, unresolved = meetings.close_meeting(current_caller(router), meeting_id)
    return MeetingClosedOut(**meeting_out(meeting).model_dump(), unresolved=unresolved)
