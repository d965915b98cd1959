"""/committee/items/{item_id}/audit-opinion: the chair asks the audit head's opinion; the audit head asks the one
extension and gives the opinion."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from committee import opinions
from committee.models import ExtensionIn, ItemOut, OpinionIn
from committee.routes.items import item_out
from common.http import current_caller
from common.params import RecordId

router = APIGatewayHttpRouter()


@router.post("/committee/items/<item_id>/audit-opinion/request",
             summary="감사기구의 장 의견 요청 (회의의 위원장): 10일 안에")
def ask(item_id: RecordId) -> Response[ItemOut]:
    item = opinions.ask(current_caller(router), item_id)
    return Response(201, content_types.APPLICATION_JSON, item_out(item).model_dump(mode="json"))


@router.post("/committee/items/<item_id>/audit-opinion/extension",
             summary="의견 기간 연장 (감사기구의 장, 한 번: 10일)")
def extend(item_id: RecordId, body: ExtensionIn) -> ItemOut:
    return item_out(opinions.extend(current_caller(router), item_id, body.reason))


@router.put("/committee/items/<item_id>/audit-opinion", summary="의견 제출 (감사기구의 장)")
def answer(item_id: RecordId, body: OpinionIn) -> ItemOut:
    return item_out(opinions.answer(current_caller(router), item_id, body.opinion))
