"""Redemptions: by the employee themself, with an Idempotency-Key header (a repeat returns the same redemption);
leave and cash executed by HR (the office mapped to mileage.redemptions): confirmed or refused."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.errors import InvalidInput
from common.http import current_caller
from common.idempotency import once
from common.identity import Caller
from common.params import RecordId
from mileage import redemptions
from mileage.models import ConfirmRedemption, RedeemRequest, RedemptionOut, RedemptionPage, RefuseRedemption

router = APIGatewayHttpRouter()


def _redeem(caller: Caller, payload: dict[str, Any]) -> dict[str, Any]:
    return redemptions.redeem(caller, payload["reward_code"]).model_dump(mode="json")


@router.post("/mileage/redemptions", summary="마일리지 사용 신청 (본인, Idempotency-Key 헤더 필수)")
def redeem(body: RedeemRequest) -> Response[RedemptionOut]:
    caller = current_caller(router)
    key = router.current_event.headers.get("idempotency-key")
    if not key:
        raise InvalidInput("Idempotency-Key 헤더가 필요합니다.", code="IDEMPOTENCY_KEY_REQUIRED")
    result = once("redeem", _redeem, caller=caller, key=key, payload=body.model_dump(mode="json"),
                  table_variable="MILEAGE_TABLE", context=router.lambda_context)
    return Response(201, content_types.APPLICATION_JSON, RedemptionOut.model_validate(result).model_dump(mode="json"))


@router.get("/mileage/redemptions", summary="사용 신청 목록 (최신순)",
            description="employee_no: 그 직원의 신청 (본인; 감사부서·평가단·인사부서는 누구나). "
                        "kind (+status, +period): 종류별 (인사부서, 승인 부서) — 휴가·포상금은 기본 AWAITING_HR: "
                        "인사부서가 집행할 것 (due_at 기한, overdue 기한 경과), 상품권은 기본 FULFILLED.")
def list_redemptions(employee_no: Annotated[str | None, Query(description="직원번호")] = None,
                     kind: Annotated[Literal["voucher", "leave", "cash"] | None, Query(description="보상 종류")] = None,
                     status: Annotated[Literal["REQUESTED", "AWAITING_HR", "FULFILLED", "FAILED"] | None,
                                       Query(description="상태 (kind 와 함께; 기본 휴가·포상금 AWAITING_HR, "
                                                         "상품권 FULFILLED)")] = None,
                     period: Annotated[str | None, Query(description="신청 기간: 2026, 2026-H1 또는 2026-11")] = None,
                     limit: Annotated[int, Query(ge=1, le=100)] = 50,
                     next_token: Annotated[str | None, Query()] = None) -> RedemptionPage:
    items, token = redemptions.list_redemptions(current_caller(router), employee_no=employee_no, kind=kind,
                                                status=status, period=period, limit=limit, token=next_token)
    return RedemptionPage(items=items, next_token=token)


@router.get("/mileage/redemptions/<redemption_id>", summary="사용 신청 한 건 (본인, 감사부서, 평가단, 인사부서)")
def get_redemption(redemption_id: RecordId) -> RedemptionOut:
    return redemptions.read_redemption(current_caller(router), redemption_id)


@router.post("/mileage/redemptions/<redemption_id>/confirm",
             summary="휴가·포상금 집행 확정 (인사부서, 본인 신청 제외) → 점수 사용 완료",
             description="처리 번호와 휴가 시작일 또는 지급일. 한 번만: 이미 처리된 신청은 409 INVALID_STATE.")
def confirm(redemption_id: RecordId, body: ConfirmRedemption) -> RedemptionOut:
    return redemptions.confirm(current_caller(router), redemption_id, body)


@router.post("/mileage/redemptions/<redemption_id>/refuse",
             summary="휴가·포상금 집행 거절 (인사부서, 사유 필수) → 점수 반환")
def refuse(redemption_id: RecordId, body: RefuseRedemption) -> RedemptionOut:
    return redemptions.refuse(current_caller(router), redemption_id, body.reason)
