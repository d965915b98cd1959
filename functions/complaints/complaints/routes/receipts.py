"""/complaints/receipts/{receipt_no}: the reporter's page, opened with the secret in the `X-Receipt-Secret` header
(never in the URL: it would land in access logs)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.params import RecordId
from common.ratelimit import rate_limited
from complaints import receipts
from complaints.models import FollowOut, TextIn

router = APIGatewayHttpRouter()
SECRET_HEADER = "x-receipt-secret"


def _secret() -> str | None:
    return router.current_event.headers.get(SECRET_HEADER)


@router.get("/complaints/receipts/<receipt_no>", summary="처리 상황 (접수번호 + X-Receipt-Secret 헤더의 비밀번호)",
            middlewares=[rate_limited("public_read")],
            description="비밀번호를 여러 번 틀리면 그 접수번호는 잠시 잠깁니다 (429).")
def follow(receipt_no: RecordId) -> FollowOut:
    return receipts.follow(receipt_no, _secret())


@router.post("/complaints/receipts/<receipt_no>/messages", summary="담당자에게 메시지 (신고인)",
             middlewares=[rate_limited("public_write")])
def write(receipt_no: RecordId, body: TextIn) -> FollowOut:
    return receipts.write(receipt_no, _secret(), body.text)
