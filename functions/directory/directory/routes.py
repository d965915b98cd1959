"""Directory routes: parse, check who is calling, call one logic step, shape the answer."""

from __future__ import annotations

import base64
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.clock import now, today
from common.county import county
from common.identity import Caller, Role, caller_from_event
from common.params import DepartmentCode, EmployeeNo
from directory import logic, repository
from directory.logic import CommitteeMember
from directory.models import (
    CommitteeList,
    CommitteeMemberIn,
    CommitteeMemberOut,
    Composition,
    DepartmentList,
    DepartmentOut,
    History,
    HistoryEntry,
    ImportOut,
    RoleGrantOut,
    RoleGrantPage,
    RolesIn,
    RolesOut,
    StaffList,
    StaffOut,
    StaffSummary,
)
from directory.roster import normal_employee_no

router = APIGatewayHttpRouter()



def caller() -> Caller:
    return caller_from_event(router.current_event.raw_event)


def acting(who: Caller, *roles: Role) -> logic.Staff | None:
    """The caller's directory record, checked to hold one of `roles` now (see `logic.acting_as`)."""
    who.require(*roles)
    return logic.acting_as(who, repository.find_staff(who.employee_no) if who.employee_no else None, *roles)


def _summary(staff: logic.Staff) -> StaffSummary:
    return StaffSummary(employee_no=staff.employee_no, name=staff.name, department=staff.department,
                        grade=staff.grade, employment_type=staff.employment_type, team_leader=staff.team_leader,
                        active=staff.active, roles=staff.groups)


def _department(dept: logic.Department) -> DepartmentOut:
    return DepartmentOut(code=dept.code, name=dept.name, bureau=dept.bureau, kind=dept.kind,
                         head_employee_no=dept.head_employee_no, active=dept.active)


def _staff_out(staff: logic.Staff, *, with_contacts: bool) -> StaffOut:
    return StaffOut(**logic.staff_view(staff, with_contacts=with_contacts, reveal=repository.reveal))


# ---------------------------------------------------------------- people and departments
@router.get("/directory/me", summary="내 명부 정보")
def me() -> StaffOut:
    who = logic.require_staff(caller())
    record = repository.get_staff(who.employee_no or "")
    logic.acting_as(who, record, Role.STAFF)  # a leaver's token (valid up to an hour) no longer reads the record
    return _staff_out(record, with_contacts=True)


@router.get("/directory/departments", summary="부서 목록")
def list_departments() -> DepartmentList:
    logic.require_staff(caller())
    return DepartmentList(departments=[_department(d) for d in repository.departments()])


@router.get("/directory/departments/<code>", summary="부서 정보")
def get_department(code: DepartmentCode) -> DepartmentOut:
    logic.require_staff(caller())
    return _department(repository.get_department(code))


@router.get("/directory/departments/<code>/members",
            summary="부서원 목록 (직원: 본인만, 부서장: 자기 부서, 감사·인사·관리자: 전체)")
def list_members(code: DepartmentCode) -> StaffList:
    who = caller()
    scope = logic.members_scope(who, code)
    repository.get_department(code)
    members = [s for s in repository.members(code) if s.active]
    if scope == "self":
        members = [s for s in members if s.employee_no == who.employee_no]
    return StaffList(staff=[_summary(s) for s in members])


@router.get("/directory/staff", summary="이름으로 직원 찾기 (앞부분 일치, 재직자만)")
def search_staff(
    name: Annotated[str, Query(min_length=1, max_length=50)],
    include_inactive: Annotated[bool, Query(description="true: 퇴직자도 (인사·관리자만)")] = False,
) -> StaffList:
    scope = logic.search_scope(caller(), include_inactive=include_inactive)
    found = repository.search_staff(name.strip() or name, department=scope, active_only=not include_inactive)
    return StaffList(staff=[_summary(s) for s in found])


@router.get("/directory/staff/<employee_no>", summary="직원 정보 (연락처는 본인·인사·관리자에게만)")
def get_staff(employee_no: EmployeeNo) -> StaffOut:
    employee_no = normal_employee_no(employee_no)
    who = caller()
    logic.may_view_staff_at_all(who, employee_no)
    staff = repository.get_staff(employee_no)
    logic.may_view_staff(who, staff)
    return _staff_out(staff, with_contacts=logic.sees_contacts(who, staff))


@router.get("/directory/staff/<employee_no>/history", summary="인사 이력 (본인·인사·관리자)")
def staff_history(employee_no: EmployeeNo) -> History:
    employee_no = normal_employee_no(employee_no)
    logic.may_view_history(caller(), employee_no)
    repository.get_staff(employee_no)
    entries = [HistoryEntry(at=h.at, kind=h.kind, changes=h.changes, source=h.source)
               for h in repository.history(employee_no)]
    return History(employee_no=employee_no, entries=entries)


def _role_context(staff: logic.Staff) -> dict[str, Any]:
    """What a role change reads besides the employee: the departments and their department's current head."""
    departments = {d.code: d for d in repository.departments()}
    dept = departments.get(staff.department)
    previous = repository.find_staff(dept.head_employee_no) if dept and dept.head_employee_no else None
    return {"departments": departments, "people": {p.employee_no: p for p in [previous] if p}}


@router.put("/directory/staff/<employee_no>/roles",
            summary="역할 지정 (관리자, 본인 제외). admin·audit·hr 등 강한 역할은 사유 필수, 감사부서에 공개되며 "
                    "지자체 설정에 따라 다른 관리자의 확인 뒤에 효력")
def set_roles(employee_no: EmployeeNo, body: RolesIn) -> RolesOut:
    employee_no = normal_employee_no(employee_no)
    who = logic.may_set_roles(caller(), employee_no)
    me = acting(who, Role.ADMIN)
    settings = county().directory
    staff = repository.get_staff(employee_no)
    plan, held = logic.change_roles(
        staff, body.roles, body.committee_term_start, body.committee_term_end, **_role_context(staff),
        at=now().isoformat(), by=who.employee_no or who.subject, reason=body.reason,
        powerful=settings.powerful_roles, second_admin=settings.powerful_role_grants_need_second_admin,
        everyone=repository.all_staff)
    plan.acting = me
    if plan.units:
        repository.apply(plan, source=f"admin:{who.employee_no or who.subject}")
    view = logic.staff_view(repository.get_staff(employee_no), with_contacts=False, reveal=repository.reveal)
    return RolesOut(**view, pending_grants=[g.grant_id for g in held])


@router.get("/directory/role-grants", summary="강한 역할의 부여·회수 기록 (감사부서·관리자): 누가 누구에게 무엇을 "
                                              "언제 왜, 최근 순")
def list_role_grants(
    status: Annotated[Literal["all", "pending"], Query(description="pending: 확인을 기다리는 부여만")] = "all",
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    next_token: Annotated[str | None, Query(max_length=2048)] = None,
) -> RoleGrantPage:
    caller().require(Role.AUDIT, Role.ADMIN)
    page = repository.role_grants(pending_only=status == "pending", limit=limit, token=next_token)
    return RoleGrantPage(items=[RoleGrantOut(**g.__dict__) for g in page.items], next_token=page.next_token)


@router.post("/directory/role-grants/<grant_id>/confirm",
             summary="강한 역할 부여 확인 (요청한 관리자·받는 본인이 아닌 다른 관리자)")
def confirm_role_grant(grant_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]) -> RoleGrantOut:
    who = caller().require(Role.ADMIN)
    grant = repository.get_role_grant(grant_id)
    record = repository.find_staff(who.employee_no) if who.employee_no else None
    logic.confirmable(grant, who, record)
    staff = repository.get_staff(grant.employee_no)
    plan, confirmed = logic.confirm_grant(grant, staff, confirmer=who.employee_no or who.subject,
                                          **_role_context(staff), at=now().isoformat())
    plan.acting = record
    repository.apply(plan, source=f"admin:{who.employee_no}")
    return RoleGrantOut(**confirmed.__dict__)


# ---------------------------------------------------------------- roster imports
def _raw_body() -> bytes:
    event = router.current_event.raw_event
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        return base64.b64decode(body)
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


@router.post("/directory/imports",
             summary="인사 명부 가져오기 (CSV UTF-8/CP949 또는 XLSX, 관리자·인사; 역할을 바꾸는 명부는 관리자만)")
def import_roster(
    kind: Annotated[Literal["departments", "staff"], Query(description="departments | staff")],
    mode: Annotated[Literal["full", "partial"], Query(description="full: 파일에 없는 재직자는 퇴직 처리")] = "full",
    dry_run: Annotated[bool, Query(description="true: 검사와 집계만, 쓰지 않음 (퇴직 처리될 사번도 보여 줌)")] = False,
    confirm_leavers: Annotated[int | None, Query(
        ge=0, le=1_000_000,
        description="퇴직 처리될 인원 확인 (지자체 한도를 넘을 때 필요; dry_run의 left와 같아야 함)")] = None,
) -> ImportOut:
    who = caller()
    me = acting(who, Role.ADMIN, Role.HR)
    settings = county().directory
    summary = logic.import_roster(
        repository.Repository(), _raw_body(), kind=kind, mode=mode, dry_run=dry_run, caller=who, acting=me,
        powerful=settings.powerful_roles, second_admin=settings.powerful_role_grants_need_second_admin,
        kinds=settings.department_kinds, employment_types=settings.employment_types, now_iso=now().isoformat(),
        leaver_limit=logic.LeaverLimit(settings.max_leavers_without_confirm,
                                       settings.max_leavers_percent_without_confirm),
        confirm_leavers=confirm_leavers,
    )
    return ImportOut(**summary.__dict__)


@router.get("/directory/imports/<import_id>", summary="가져오기 결과")
def get_import(import_id: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]) -> ImportOut:
    caller().require(Role.ADMIN, Role.HR)
    summary = logic.found(repository.get_import(import_id), "가져오기 기록")
    return ImportOut(**summary.__dict__)


# ---------------------------------------------------------------- the AA committee roster
def _member_out(member: CommitteeMember) -> CommitteeMemberOut:
    return CommitteeMemberOut(member_id=member.member_id, civilian=member.civilian, gender=member.gender,
                              employee_no=member.employee_no, name=member.name, affiliation=member.affiliation,
                              term_start=member.term_start, term_end=member.term_end,
                              serving=member.serving_on(today()))


@router.get("/directory/committee/members", summary="적극행정위원회 위원 명단과 구성 (위촉위원 비율)")
def list_committee() -> CommitteeList:
    caller().require(Role.COMMITTEE, Role.AUDIT, Role.ADMIN, Role.HR)
    members = repository.committee()
    return CommitteeList(members=[_member_out(m) for m in members],
                         composition=Composition(**logic.committee_composition(members, today())))


@router.post("/directory/committee/members",
             summary="위원 등록 (관리자): 위촉 위원, 또는 직원에게 committee 역할과 임기를 주는 당연직 위원")
def add_committee_member(body: CommitteeMemberIn) -> Response[CommitteeMemberOut]:
    who = caller()
    me = acting(who, Role.ADMIN)
    added_by = f"admin:{who.employee_no or who.subject}"
    if body.civilian:
        member = CommitteeMember(
            member_id=logic.civilian_id(body.name, body.affiliation, body.term_start), civilian=True,
            gender=body.gender, name=body.name, affiliation=body.affiliation, term_start=body.term_start,
            term_end=body.term_end)
        repository.add_civilian_member(member, contact=body.contact, added_by=added_by)
        return _created(member, 201)
    logic.may_set_roles(who, normal_employee_no(body.employee_no))
    staff = logic.active_staff(repository.find_staff(normal_employee_no(body.employee_no)))
    entry = repository.committee_member(logic.ex_officio_id(staff.employee_no))
    if logic.already_ex_officio(staff, entry, gender=body.gender, term_start=body.term_start,
                                term_end=body.term_end):
        if entry is None or entry.gender is None:
            repository.save_ex_officio(staff, gender=body.gender, added_by=added_by)
        return _created(logic.ex_officio_member(staff, body.gender), 200)
    plan = logic.plan_roles(staff, [*staff.roles, Role.COMMITTEE], body.term_start, body.term_end,
                            **_role_context(staff), updated_at=now().isoformat(), committee_gender=body.gender)
    logic.record_grants(plan, powerful=county().directory.powerful_roles, by=who.employee_no or who.subject,
                        source=added_by, at=now().isoformat())
    plan.acting = me
    repository.apply(plan, source=added_by)
    return _created(logic.ex_officio_member(repository.get_staff(staff.employee_no), body.gender), 201)


def _created(member: CommitteeMember, status: int) -> Response[CommitteeMemberOut]:
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=_member_out(member))
