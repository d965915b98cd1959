"""/consulting/evidence-uploads: a presigned upload of an attachment, under the caller's department."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from consulting import evidence
from consulting.models import EvidenceUpload, EvidenceUploadIn

router = APIGatewayHttpRouter()


@router.post("/consulting/evidence-uploads", summary="첨부 파일 업로드 URL 받기 (부서 직원)")
def evidence_upload(body: EvidenceUploadIn) -> Response[EvidenceUpload]:
    upload = evidence.new_upload(current_caller(router), body.file_name, body.content_type)
    return Response(201, content_types.APPLICATION_JSON, upload.model_dump())
