"""Draft proposals from other areas' events: listed for the department head (and the approver), confirmed or
dismissed by the head of the proposal's department — deductions by the office mapped to `mileage.deductions`."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from mileage import proposals
from mileage.models import ConfirmedProposal, ConfirmProposal, DismissProposal, ProposalOut, ProposalPage

router = APIGatewayHttpRouter()


@router.get("/mileage/proposals", summary="부여 제안 목록 (부서장: 자기 부서, 승인 부서: 전체, 감사부서: 감점)")
def list_proposals(status: Annotated[str | None, Query(description="DRAFT(기본)·CONFIRMED·DISMISSED")] = None,
                   department: Annotated[str | None, Query(description="부서 코드")] = None,
                   queue: Annotated[Literal["departments", "deductions"], Query(
                       description="deductions: 소극행정 감점 제안 (감점 확정 담당만; 부서 목록에는 나오지 않음)")]
                   = "departments",
                   limit: Annotated[int, Query(ge=1, le=100)] = 50,
                   next_token: Annotated[str | None, Query()] = None) -> ProposalPage:
    items, token = proposals.list_proposals(current_caller(router), status=status, department=department,
                                            queue=queue, limit=limit, token=next_token)
    return ProposalPage(items=items, next_token=token)


@router.post("/mileage/proposals/<proposal_id>/confirm",
             summary="제안 확정 → 부여 (그 부서의 부서장; 감점은 감점 확정 담당)")
def confirm(proposal_id: RecordId, body: ConfirmProposal) -> ConfirmedProposal:
    return proposals.confirm(current_caller(router), proposal_id, body)


@router.post("/mileage/proposals/<proposal_id>/dismiss",
             summary="제안 기각 (그 부서의 부서장; 감점은 감점 확정 담당; 사유 필수)")
def dismiss(proposal_id: RecordId, body: DismissProposal) -> ProposalOut:
    return proposals.dismiss(current_caller(router), proposal_id, body.reason)
