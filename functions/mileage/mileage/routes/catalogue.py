"""What may be earned and what points buy (any staff member), and evidence uploads (department heads)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.errors import Forbidden
from common.http import current_caller
from mileage import evidence
from mileage.models import EvidenceUpload, EvidenceUploadRequest
from mileage.rules import policy

router = APIGatewayHttpRouter()


def _staff() -> None:
    if not current_caller(router).is_staff:
        raise Forbidden("직원만 볼 수 있습니다.", code="ROLE_REQUIRED")


@router.get("/mileage/items", summary="마일리지 항목 목록")
def list_items() -> dict[str, Any]:
    _staff()
    return {"items": [i.model_dump() for i in policy.policy().items]}


@router.get("/mileage/rewards", summary="보상 목록과 사용 규칙")
def list_rewards() -> dict[str, Any]:
    _staff()
    return policy.policy().redemption.model_dump()


@router.post("/mileage/evidence-uploads", summary="증빙 파일 업로드 URL 받기 (부서장)")
def evidence_upload(body: EvidenceUploadRequest) -> Response[EvidenceUpload]:
    upload = evidence.new_upload(current_caller(router), body.file_name, body.content_type)
    return Response(201, content_types.APPLICATION_JSON, upload.model_dump())
