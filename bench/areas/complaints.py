"""Complaints routes for the warm-request bench: a resident's report acknowledged and classified by the audit office
(2026002), then the office's list and case, the resident's own reports (one KMS GenerateMac), the receipt page (one
scrypt per lookup: the secret's slow hash is the cost by design) and the statistics."""

from __future__ import annotations

from typing import Any

from bench.cases import AUDITOR
from bench.routes import RouteCase
from tests.builders import LambdaContext, api_event, resident_claims, response_json

ORDER = 3
REPORT = {"what": "건축 허가 신청을 석 달째 처리하지 않고 있습니다.", "harm": "임대료 손실", "department": "FIN",
          "official": "2026013", "reporter": {"name": "벤치 신고인", "email": "bench@example.com"}}


def cases(rounds: int) -> list[RouteCase]:
    from complaints.api import handler
    from complaints.storage.cases import get_receipt

    context = LambdaContext(function_name="complaints")

    def call(method: str, path: str, claims: dict[str, Any] | None, **kwargs: Any) -> Any:
        return lambda: handler(api_event(method, path, claims=claims, **kwargs), context)

    def made(method: str, path: str, claims: dict[str, Any] | None, body: dict[str, Any]) -> dict[str, Any]:
        response = call(method, path, claims, body=body)()
        assert response["statusCode"] in (200, 201), response["body"]
        return response_json(response)

    receipt = made("POST", "/complaints/resident", resident_claims("bench-resident"), REPORT)
    case_id = get_receipt(receipt["receipt_no"]).case_id
    made("POST", f"/complaints/cases/{case_id}/acknowledgement", AUDITOR, {"petition_type": "grievance"})
    made("POST", f"/complaints/cases/{case_id}/classification", AUDITOR,
         {"passive": True, "passive_type": "neglect", "reason": "정당한 사유 없는 지연", "harm": "임대료 손실"})
    secret = {"x-receipt-secret": receipt["secret"]}
    return [
        RouteCase("GET /complaints/cases", call("GET", "/complaints/cases", AUDITOR)),
        RouteCase("GET /complaints/cases/{case_id}", call("GET", f"/complaints/cases/{case_id}", AUDITOR)),
        RouteCase("GET /complaints/receipts/{receipt_no}",
                  call("GET", f"/complaints/receipts/{receipt['receipt_no']}", None, headers=secret)),
        RouteCase("GET /complaints/mine", call("GET", "/complaints/mine", resident_claims("bench-resident"))),
        RouteCase("GET /complaints/statistics",
                  call("GET", "/complaints/statistics", AUDITOR, query={"period": "2026"})),
    ]
