"""/complaints/receipts/{receipt_no}: the reporter's page, opened with the secret in the `X-Receipt-Secret` header
(never in the URL: it would land in access logs)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Header
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.params import RecordId
from common.ratelimit import rate_limited
from complaints import receipts
from complaints.models import FollowOut, TextIn

router = APIGatewayHttpRouter()
Secret = Annotated[str | None, Header(alias="x-receipt-secret", max_length=100,
                                      description="접수할 때 한 번 보여 준 비밀번호 (X-Receipt-Secret)")]


@router.get("/complaints/receipts/<receipt_no>", summary="처리 상황 (접수번호 + X-Receipt-Secret 헤더의 비밀번호)",
            middlewares=[rate_limited("public_read")],
            description="비밀번호를 여러 번 틀리면 그 접수번호는 잠시 잠깁니다 (429).")
def follow(receipt_no: RecordId, x_receipt_secret: Secret = None) -> FollowOut:
    return receipts.follow(receipt_no, x_receipt_secret)


@router.post("/complaints/receipts/<receipt_no>/messages", summary="담당자에게 메시지 (신고인)",
             middlewares=[rate_limited("public_write")])
def write(receipt_no: RecordId, body: TextIn, x_receipt_secret: Secret = None) -> FollowOut:
    return receipts.write(receipt_no, x_receipt_secret, body.text)
