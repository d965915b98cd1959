"""/committee/items: agenda items (the secretary creates and lists them; members of the item's meeting and its
parties read one)."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from committee import agenda, opinions
from committee.models import DueFlagOut, HearingIn, ItemIn, ItemList, ItemOut, PartyItemList, PartyItemOut
from committee.rules.schedule import DueFlag
from common.http import current_caller
from common.idempotency import once
from common.identity import Caller
from common.params import RecordId

router = APIGatewayHttpRouter()


def item_out(item: Any, *, full: bool = True, due: DueFlag | None = None) -> ItemOut:
    shown = ItemOut(item_id=item.item_id, kind=item.kind, title=item.title, status=item.status, outcome=item.outcome,
                    resolved_at=item.resolved_at, view="full" if full else "party")
    if not full:
        return shown
    return shown.model_copy(update={
        "origin_area": item.origin_area, "origin_case_id": item.origin_case_id, "summary": item.summary,
        "documents": list(item.documents or []), "parties": list(item.parties or []), "meeting_id": item.meeting_id,
        "counts": item.counts, "candidates": list(item.candidates or []) or None,
        "options": list(item.options or []) or None, "hearings": agenda.recorded_hearings(item),
        "audit_opinion": opinions.summary(item),
        "due": DueFlagOut(**vars(due)) if due else None,
    })


def _create(caller: Caller, payload: dict[str, Any]) -> dict[str, Any]:
    return item_out(agenda.create(caller, ItemIn.model_validate(payload))).model_dump(mode="json")


@router.post("/committee/items", summary="안건 등록 (간사)",
             description="같은 Idempotency-Key 로 다시 보내면 처음 결과를 돌려주고 한 번만 등록합니다.")
def create(body: ItemIn) -> Response[ItemOut]:
    result = once("committee-item", _create, caller=current_caller(router),
                  key=router.current_event.headers.get("idempotency-key"), payload=body.model_dump(mode="json"),
                  table_variable="COMMITTEE_TABLE", context=router.lambda_context)
    return Response(201, content_types.APPLICATION_JSON, result)


@router.get("/committee/items", summary="안건 목록과 기한 표시 (간사)",
            description="due.flagged: 기한이 다음 정기회의보다 앞서 수시·서면회의가 필요한 안건")
def listing(limit: Annotated[int, Query(ge=1, le=100)] = 50,
            next_token: Annotated[str | None, Query(max_length=2000)] = None) -> ItemList:
    found, token = agenda.listing(current_caller(router), limit=limit, token=next_token)
    return ItemList(items=[item_out(item, due=due) for item, due in found], next_token=token)


@router.get("/committee/my-items", summary="내가 당사자인 안건 (직원): 상태, 회의일, 의결 결과만")
def of_party(limit: Annotated[int, Query(ge=1, le=100)] = 50,
             next_token: Annotated[str | None, Query(max_length=2000)] = None) -> PartyItemList:
    found, token = agenda.of_party(current_caller(router), limit=limit, token=next_token)
    return PartyItemList(items=[PartyItemOut(item_id=i.item_id, kind=i.kind, title=i.title, status=i.status,
                                             meeting_on=day, outcome=i.outcome, resolved_at=i.resolved_at)
                                for i, day in found], next_token=token)


@router.post("/committee/items/<item_id>/hearings",
             summary="전문가 의견 청취 기록 (간사; 인사위원회가 대행하면 의결 전에 필수)")
def hear(item_id: RecordId, body: HearingIn) -> Response[ItemOut]:
    item = agenda.record_hearing(current_caller(router), item_id, body)
    return Response(201, content_types.APPLICATION_JSON, item_out(item).model_dump(mode="json"))


@router.get("/committee/items/<item_id>", summary="안건 (간사, 배정된 회의의 위원; 당사자는 상태와 결과만)")
def read(item_id: RecordId) -> ItemOut:
    item, full = agenda.read(current_caller(router), item_id)
    return item_out(item, full=full)
