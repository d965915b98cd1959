"""Ballots (department heads: the staff route; residents: theirs, with a per-source limit), the tally after the close
(the unit) and the audit recount from the ballots (the unit, the audit office)."""

from __future__ import annotations

from fractions import Fraction

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from common.ratelimit import rate_limited
from selection import voting
from selection.models import AuditOut, BallotIn, BallotOut, RankedOut, TallyOut
from selection.routes.nominations import claims
from selection.rules.offices import rules

router = APIGatewayHttpRouter()


def cast(cycle_id: str, body: BallotIn, *, resident: bool) -> dict:
    bloc, chosen = voting.cast(current_caller(router), cycle_id, body.choices, resident=resident, claims=claims())
    return BallotOut(cycle_id=cycle_id, bloc=bloc, choices=chosen).model_dump(mode="json")


@router.post("/selection/cycles/<cycle_id>/ballots", summary="투표 (부서장, 회차에 한 번)")
def by_head(cycle_id: RecordId, body: BallotIn) -> Response[BallotOut]:
    return Response(201, content_types.APPLICATION_JSON, cast(cycle_id, body, resident=False))


@router.post("/selection/resident/cycles/<cycle_id>/ballots", middlewares=[rate_limited("resident_write")],
             summary="투표 (로그인한 주민, 회차에 한 번)",
             description="계정 단위로 셉니다: 실명 인증이 아닌 지자체에서는 한 사람이 여러 계정을 가질 수 있습니다.")
def by_resident(cycle_id: RecordId, body: BallotIn) -> Response[BallotOut]:
    return Response(201, content_types.APPLICATION_JSON, cast(cycle_id, body, resident=True))


@router.get("/selection/cycles/<cycle_id>/tally", summary="집계 (전담부서, 투표 마감 후에만)")
def tally(cycle_id: RecordId) -> TallyOut:
    cycle, ranked = voting.tally(current_caller(router), cycle_id)
    return TallyOut(cycle_id=cycle_id, blocs=cycle.tally["blocs"], weights=dict(rules().voting.weights),
                    ranked=[RankedOut(employee_no=r["employee_no"], score=r["score"],
                                      score_decimal=float(Fraction(r["score"])), rank=r["rank"],
                                      shortlisted=r["shortlisted"]) for r in ranked])


@router.get("/selection/cycles/<cycle_id>/tally/audit",
            summary="재집계 (전담부서, 감사부서): 투표지로 다시 세어 마감 집계와 비교")
def audit(cycle_id: RecordId) -> AuditOut:
    return AuditOut(**voting.audit(current_caller(router), cycle_id))
