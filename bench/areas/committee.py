"""Committee routes for the warm-request bench, on the directory's roster delivered to the committee's projection
(the demo's ex-officio members 2026001, 2026016, 2026021; 2026003 is the committee secretary)."""

from __future__ import annotations

from typing import Any

from bench.routes import RouteCase, project_directory
from tests.builders import LambdaContext, api_event, response_json, staff_claims

ORDER = 2
SECRETARY = staff_claims("2026003", "AUD", "audit", "aa_unit", "committee_secretary")
MEMBER = staff_claims("2026016", "CON", "committee")


def cases(rounds: int) -> list[RouteCase]:
    from committee.api import handler

    context = LambdaContext(function_name="committee")
    project_directory("committee.on_directory_event")

    def call(method: str, path: str, claims: dict[str, Any], **kwargs: Any) -> Any:
        return lambda: handler(api_event(method, path, claims=claims, **kwargs), context)

    def made(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = call(method, path, SECRETARY, body=body)()
        assert response["statusCode"] in (200, 201), response["body"]
        return response_json(response)

    item = made("POST", "/committee/items", {"kind": "exemption_recommendation", "title": "면책 건의",
                                             "parties": [{"employee_no": "2026013", "department": "FIN"}]})
    meeting = made("POST", "/committee/meetings", {"kind": "ad_hoc", "title": "수시회의", "held_on": "2026-12-10",
                                                   "chair_id": "EMP-2026001",
                                                   "designated": ["EMP-2026016", "EMP-2026021"]})
    made("PUT", f"/committee/meetings/{meeting['meeting_id']}/items/{item['item_id']}", {})
    return [
        RouteCase("GET /committee/members", call("GET", "/committee/members", MEMBER)),
        RouteCase("GET /committee/items", call("GET", "/committee/items", SECRETARY)),
        RouteCase("GET /committee/meetings/{meeting_id}",
                  call("GET", f"/committee/meetings/{meeting['meeting_id']}", MEMBER)),
        RouteCase("GET /committee/items/{item_id}/votes",
                  call("GET", f"/committee/items/{item['item_id']}/votes", SECRETARY)),
    ]
