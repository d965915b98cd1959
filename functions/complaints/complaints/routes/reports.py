"""POST /complaints (anyone, anonymously, where the county allows it) and POST /complaints/resident (a signed-in
resident, named, with a contact for the result): a receipt number and a secret, shown once."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.ratelimit import rate_limited
from complaints import intake
from complaints.models import ReceiptOut, ReportIn, ResidentReportIn

router = APIGatewayHttpRouter()


@router.post("/complaints", summary="익명 소극행정 신고 (로그인 없이; 지자체가 허용할 때)",
             middlewares=[rate_limited("public_write")],
             description="접수번호와 비밀번호를 한 번만 보여 줍니다. 비밀번호를 잃어버리면 새로 신고해야 합니다.")
def anonymous(body: ReportIn) -> Response[ReceiptOut]:
    receipt = intake.submit_anonymous(body)
    return Response(201, content_types.APPLICATION_JSON, receipt.model_dump(mode="json"))


@router.post("/complaints/resident", summary="소극행정 신고 (주민 로그인): 이름·연락처는 암호화해 감사부서만",
             middlewares=[rate_limited("resident_write")],
             description="처리기간이 적용되고, 결과를 연락처로 알립니다. 접수번호와 비밀번호는 한 번만 보여 줍니다.")
def as_resident(body: ResidentReportIn) -> Response[ReceiptOut]:
    receipt = intake.submit_as_resident(current_caller(router), body)
    return Response(201, content_types.APPLICATION_JSON, receipt.model_dump(mode="json"))
