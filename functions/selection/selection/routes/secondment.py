"""A seconded awardee's notice to their home body (운영규정 §20) and the home body's answer (the unit)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import EmployeeNo, RecordId
from selection import secondment
from selection.models import HomeBodyAnswerIn, HomeBodyNoticeIn, HomeBodyNoticeOut

router = APIGatewayHttpRouter()


def notice_out(item) -> HomeBodyNoticeOut:
    return HomeBodyNoticeOut(cycle_id=item.cycle_id, employee_no=item.employee_no, **secondment.notice_view(item))


@router.post("/selection/cycles/<cycle_id>/awardees/<employee_no>/home-body-notice",
             summary="원소속 기관 통보 기록 (전담부서, 파견 공무원 수상자만): 공문 번호, 발송일, 권고 인센티브",
             description="한 번만 기록합니다. 다시 보내면 처음 기록을 그대로 돌려줍니다. 권고 인센티브는 수상자의 "
                         "인센티브 계획(recommended)에서 옵니다.")
def notice(cycle_id: RecordId, employee_no: EmployeeNo, body: HomeBodyNoticeIn) -> HomeBodyNoticeOut:
    return notice_out(secondment.record_notice(current_caller(router), cycle_id, employee_no, body))


@router.post("/selection/cycles/<cycle_id>/awardees/<employee_no>/home-body-notice/answer",
             summary="원소속 기관 회신 기록 (전담부서): 부여한 인센티브, 회신 번호, 회신일",
             description="통보 뒤에 한 번만 기록합니다. 다시 보내면 처음 기록을 그대로 돌려줍니다.")
def answer(cycle_id: RecordId, employee_no: EmployeeNo, body: HomeBodyAnswerIn) -> HomeBodyNoticeOut:
    return notice_out(secondment.record_answer(current_caller(router), cycle_id, employee_no, body))
