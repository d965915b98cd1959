"""Redemptions: by the employee themself, with an Idempotency-Key header (a repeat returns the same redemption)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.errors import InvalidInput
from common.http import current_caller
from common.identity import Caller
from mileage import redemptions
from mileage.idempotency import once
from mileage.models import RedeemRequest, RedemptionOut

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
                  context=router.lambda_context)
    return Response(201, content_types.APPLICATION_JSON, RedemptionOut.model_validate(result).model_dump(mode="json"))


@router.get("/mileage/redemptions/<redemption_id>", summary="사용 신청 한 건 (본인, 감사부서, 평가단, 인사부서)")
def get_redemption(redemption_id: str) -> RedemptionOut:
    return redemptions.read_redemption(current_caller(router), redemption_id)
