"""Consulting routes for the warm-request bench: a FIN official's pre-consulting (2026013) accepted and answered by
the audit office (2026002), then the department's list, the case, the registry's lookup by matter, and an exemption
file showing the matching opinions with their presumptions."""

from __future__ import annotations

from typing import Any

from bench.routes import RouteCase, project_directory
from tests.builders import LambdaContext, api_event, response_json, staff_claims

ORDER = 4
OFFICIAL = staff_claims("2026013", "FIN")
AUDITOR = staff_claims("2026002", "AUD", "audit")
PRE_CONSULTING = {"title": "도로 점용 허가 기간 연장", "matter_code": "ROAD-OCCUPANCY",
                  "rules_in_question": "도로법 §61", "own_review": "연장 가능", "private_interest": False,
                  "information_complete": True}
EXEMPTION = {"matter_code": "ROAD-OCCUPANCY", "audit_ref": "2026 종합감사", "audit_ended_on": "2026-11-20",
             "act_summary": "점용 허가 연장", "private_interest": False, "serious_procedural_defect": False,
             "criteria": {"public_interest": "통행 안전", "active_handling": "선례 검토",
                          "no_intent_or_gross_negligence": "의견대로 처리"}}


def cases(rounds: int) -> list[RouteCase]:
    from consulting.api import handler

    context = LambdaContext(function_name="consulting")
    project_directory("consulting.on_directory_event")

    def call(method: str, path: str, claims: dict[str, Any], **kwargs: Any) -> Any:
        return lambda: handler(api_event(method, path, claims=claims, **kwargs), context)

    def made(method: str, path: str, claims: dict[str, Any], body: dict[str, Any] | None = None) -> dict[str, Any]:
        response = call(method, path, claims, body=body)()
        assert response["statusCode"] in (200, 201), response["body"]
        return response_json(response)

    case_id = made("POST", "/consulting/pre-consultings", OFFICIAL, PRE_CONSULTING)["case_id"]
    made("POST", f"/consulting/pre-consultings/{case_id}/acceptance", AUDITOR)
    made("POST", f"/consulting/pre-consultings/{case_id}/opinion", AUDITOR, {"opinion": "연장 가능"})
    exemption_id = made("POST", "/consulting/exemptions", OFFICIAL, EXEMPTION)["case"]["case_id"]
    return [
        RouteCase("GET /consulting/pre-consultings", call("GET", "/consulting/pre-consultings", OFFICIAL)),
        RouteCase("GET /consulting/pre-consultings/{consulting_id}",
                  call("GET", f"/consulting/pre-consultings/{case_id}", AUDITOR)),
        RouteCase("GET /consulting/opinions?matter=", call("GET", "/consulting/opinions", AUDITOR,
                                                           query={"matter": "ROAD-OCCUPANCY"})),
        RouteCase("GET /consulting/exemptions/{exemption_id}",
                  call("GET", f"/consulting/exemptions/{exemption_id}", OFFICIAL)),
    ]
