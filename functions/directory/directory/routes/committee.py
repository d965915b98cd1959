"""/directory/committee/members: the AA committee roster and its composition, and members added to it."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.clock import today
from common.county import county
from common.params import RecordId
from directory import committee
from directory.models import (
    CommitteeAccountOut,
    CommitteeList,
    CommitteeMemberIn,
    CommitteeMemberOut,
    CommitteeTermIn,
    Composition,
)
from directory.routes import caller_of
from directory.rules.records import CommitteeMember

router = APIGatewayHttpRouter()


def _member_out(member: CommitteeMember) -> CommitteeMemberOut:
    return CommitteeMemberOut(member_id=member.member_id, civilian=member.civilian, gender=member.gender,
                              employee_no=member.employee_no, name=member.name, affiliation=member.affiliation,
                              term_start=member.term_start, term_end=member.term_end,
                              serving=member.serving_on(today()))


@router.get("/directory/committee/members", summary="적극행정위원회 위원 명단과 구성 (위촉위원 비율)")
def list_committee() -> CommitteeList:
    members, composition = committee.members(caller_of(router))
    return CommitteeList(members=[_member_out(m) for m in members], composition=Composition(**composition))


@router.post("/directory/committee/members",
             summary="위원 등록 (관리자): 위촉 위원, 또는 직원에게 committee 역할과 임기를 주는 당연직 위원")
def add_committee_member(body: CommitteeMemberIn) -> Response[CommitteeMemberOut]:
    member, new = committee.add_member(caller_of(router), body)
    return Response(status_code=201 if new else 200, content_type=content_types.APPLICATION_JSON,
                    body=_member_out(member))


@router.patch("/directory/committee/members/<member_id>", summary="위촉 위원의 임기 종료일 변경 (관리자)")
def change_term(member_id: RecordId, body: CommitteeTermIn) -> CommitteeMemberOut:
    return _member_out(committee.change_term(caller_of(router), member_id, body.term_end))


@router.delete("/directory/committee/members/<member_id>", summary="위촉 위원 해촉·사임 (관리자): 오늘부터 위원 아님")
def end_member(member_id: RecordId) -> CommitteeMemberOut:
    return _member_out(committee.end_member(caller_of(router), member_id))


@router.post("/directory/committee/members/<member_id>/account",
             summary="위촉 위원의 로그인 계정 만들기 (간사, 관리자): 위원 ID로, committee 그룹, 부서 없음",
             description="지자체가 초대 메일을 보내도록 설정했으면 위원 연락처(이메일)로 초대합니다. 해촉되면 "
                         "계정은 비활성화됩니다. 비활성화된 계정은 다시 활성화합니다.")
def open_account(member_id: RecordId) -> Response[CommitteeAccountOut]:
    new = committee.open_account(caller_of(router), member_id)
    out = CommitteeAccountOut(member_id=member_id, username=member_id, groups=["committee"],
                              invited=new and county().directory.cognito_invite, new=new)
    return Response(status_code=201 if new else 200, content_type=content_types.APPLICATION_JSON, body=out)
