"""/consulting/opinions: the opinion registry, by matter (the audit office and the audit head)."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from consulting import opinions
from consulting.models import FindingIn, OpinionList, OpinionOut

router = APIGatewayHttpRouter()


@router.get("/consulting/opinions", summary="사안별 의견 등록부 (감사부서, 감사기구의 장): 같은 사안의 의견")
def on_matter(matter: Annotated[str, Query(min_length=1, max_length=40, description="사안 코드")],
              limit: Annotated[int, Query(ge=1, le=100)] = 50,
              next_token: Annotated[str | None, Query(max_length=2000)] = None) -> OpinionList:
    page = opinions.on_matter(current_caller(router), matter, limit=limit, token=next_token)
    return OpinionList(items=[opinion_out(o) for o in page.items], next_token=page.next_token)


@router.post("/consulting/opinions/<opinion_id>/finding",
             summary="의견에 대한 사후 확인 (감사부서): 정보 불충분·사적 이해관계 확인 시 추정 상실")
def record_finding(opinion_id: RecordId, body: FindingIn) -> OpinionOut:
    found = opinions.record_finding(current_caller(router), opinion_id, information_complete=body.information_complete,
                                    private_interest=body.private_interest, reason=body.reason)
    return opinion_out(found)


def opinion_out(o: Any) -> OpinionOut:
    return OpinionOut(
        opinion_id=o.opinion_id, case_kind=o.case_kind, case_id=o.case_id, matter_code=o.matter_code,
        department=o.department, requester=o.requester, issued_on=o.issued_on, issued_by=o.issued_by, text=o.text,
        information_complete=o.information_complete, private_interest=o.private_interest, acted=o.acted,
        acted_by=o.acted_by, finding=o.finding)
