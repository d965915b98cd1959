"""Grants (부서장) and their decisions (감사부서; reversal also 평가단)."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.idempotency import once
from common.identity import Caller
from common.params import RecordId
from mileage import decisions, grants
from mileage.models import (
    BulkDecision,
    BulkResults,
    GrantCreated,
    GrantOut,
    GrantPage,
    GrantRequest,
    RejectRequest,
    ReverseRequest,
)

router = APIGatewayHttpRouter()


def _create(caller: Caller, payload: dict[str, Any]) -> dict[str, Any]:
    return grants.create_grants(caller, GrantRequest.model_validate(payload)).model_dump(mode="json")


@router.post("/mileage/grants", summary="마일리지 부여 (부서장)",
             description="같은 Idempotency-Key 로 다시 보내면 처음 결과를 돌려주고 한 번만 부여합니다.")
def create_grant(body: GrantRequest) -> Response[GrantCreated]:
    caller = current_caller(router)
    result = once("grant", _create, caller=caller, key=router.current_event.headers.get("idempotency-key"),
                  payload=body.model_dump(mode="json"), table_variable="MILEAGE_TABLE", context=router.lambda_context)
    return Response(201, content_types.APPLICATION_JSON, GrantCreated.model_validate(result).model_dump(mode="json"))


@router.get("/mileage/grants", summary="부여 목록 (감사부서·평가단: 상태별 전체, 부서장: 자기 부서)")
def list_grants(status: Annotated[str | None, Query(description="상태 (기본 SUBMITTED)")] = None,
                department: Annotated[str | None, Query(description="부서 코드")] = None,
                limit: Annotated[int, Query(ge=1, le=100)] = 50,
                next_token: Annotated[str | None, Query()] = None) -> GrantPage:
    items, token = grants.list_grants(current_caller(router), status=status, department=department, limit=limit,
                                      token=next_token)
    return GrantPage(items=items, next_token=token)


@router.get("/mileage/grants/<grant_id>", summary="부여 내역 한 건")
def get_grant(grant_id: RecordId) -> GrantOut:
    return grants.read_grant(current_caller(router), grant_id)


@router.post("/mileage/grants/<grant_id>/approve", summary="승인 (감사부서)")
def approve(grant_id: RecordId) -> GrantOut:
    return decisions.approve(current_caller(router), grant_id)


@router.post("/mileage/grants/<grant_id>/reject", summary="반려 (감사부서, 사유 필수)")
def reject(grant_id: RecordId, body: RejectRequest) -> GrantOut:
    return decisions.reject(current_caller(router), grant_id, body.reason)


@router.post("/mileage/grants/<grant_id>/reverse", summary="승인 취소·차감 (감사부서·평가단)")
def reverse(grant_id: RecordId, body: ReverseRequest) -> GrantOut:
    return decisions.reverse(current_caller(router), grant_id, body.reason)


@router.post("/mileage/approvals", summary="일괄 승인·반려 (감사부서)")
def decide_many(body: BulkDecision) -> BulkResults:
    return BulkResults(results=decisions.decide_many(current_caller(router), body))
