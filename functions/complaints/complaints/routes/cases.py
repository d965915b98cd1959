"""/complaints/cases: the audit office's cases (never the reporter's identity), audit-initiated and transferred
cases, and the competent department's view of a petition rerouted to it."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from complaints import clocks, handling, intake
from complaints.models import CaseList, CaseOut, OpenCaseIn

router = APIGatewayHttpRouter()

DEPARTMENT_FIELDS = ("case_id", "status", "what", "happened_on", "place", "harm", "petition_type", "due_at",
                     "clock_state", "extensions", "rerouted_to", "answer", "created_at", "received_at", "view")


def case_out(case: Any, view: str = "office", *, detail: bool = False) -> CaseOut:
    fields = case.fields(
        "case_id", "channel", "original_no", "anonymous", "whistleblower", "protected_until", "status", "what",
        "happened_on", "place", "department", "official", "earlier_petition_no", "harm", "petition_type",
        "field_investigation", "classification", "rerouted_to", "investigator", "findings", "result", "answer",
        "created_at", "received_at", "decided_at", "closed_at", "reporter_erased_at")
    fields.update(clocks.shown(case), attachments=list(case.attachments or []), measures=list(case.measures or []),
                  repeats=int(case.repeats or 0), notices=int(case.notices or 0), view=view)
    if view == "department":
        return CaseOut(**{**{k: v for k, v in fields.items() if k in DEPARTMENT_FIELDS},
                          "channel": "petition", "anonymous": False, "whistleblower": False})
    if detail:
        fields.update(notes=handling.notes(case), messages=handling.messages(case),
                      attachments=handling.attachments(case))
    return CaseOut(**fields)


@router.get("/complaints/cases", summary="신고 목록 (감사부서: 본인·소속 부서 관련 건 제외; 부서장: 이송받은 민원)")
def listing(limit: Annotated[int, Query(ge=1, le=100)] = 50,
            next_token: Annotated[str | None, Query(max_length=2000)] = None) -> CaseList:
    who = current_caller(router)
    found, token = handling.listing(who, token=next_token, limit=limit)
    view = "office" if handling.is_intake(who) else "department"
    return CaseList(items=[case_out(case, view) for case in found], next_token=token)


@router.post("/complaints/cases",
             summary="감사부서가 여는 신고 건: 자체 조사 (신고인 없음) 또는 국민신문고·권익위 이송")
def open_case(body: OpenCaseIn) -> Response[dict]:
    opened = intake.open_case(current_caller(router), body)
    return Response(201, content_types.APPLICATION_JSON, case_out(handling.get(opened["case_id"]), detail=True)
                    .model_dump(mode="json"))


@router.get("/complaints/cases/<case_id>",
            summary="신고 건 (감사부서·조사 담당자: 내부 메모 포함; 이송받은 부서장: 민원 내용만)")
def read(case_id: RecordId) -> CaseOut:
    case, view = handling.read(current_caller(router), case_id)
    return case_out(case, view, detail=view == "office")
