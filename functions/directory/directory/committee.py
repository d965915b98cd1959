"""The AA committee roster: its members and composition, civilian members added, and employees made ex-officio
members (the `committee` role with a term, written with their staff record)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

from common.clock import now, today
from common.county import county
from common.errors import Conflict, InvalidInput, NotFound, RuleViolation
from common.identity import Caller, Role
from common.observability import logger
from common.offices import Duty
from common.settings import env
from contracts.directory import CommitteeMemberAppointed, CommitteeMemberChanged, CommitteeMemberEnded
from directory import people
from directory.clients import cognito
from directory.models import CommitteeMemberIn
from directory.roles import role_context
from directory.rules import committee, roles
from directory.rules.records import CommitteeMember, ex_officio_id
from directory.rules.roster import normal_employee_no
from directory.storage import changes
from directory.storage import committee as committee_store
from directory.storage import staff as staff_store


def members(who: Caller) -> tuple[list[CommitteeMember], dict[str, Any]]:
    """The roster and its composition today."""
    who.require(Role.COMMITTEE, Role.AUDIT, Role.ADMIN, Role.HR)
    found = committee_store.committee()
    return found, committee.committee_composition(found, today())


def appointed(member: CommitteeMember) -> CommitteeMemberAppointed:
    """What the committee area is told of a civilian member: never the name, affiliation or contact."""
    assert member.term_start is not None
    return CommitteeMemberAppointed(member_id=member.member_id, gender=member.gender, term_start=member.term_start,
                                    term_end=member.term_end)


def change_term(who: Caller, member_id: str, term_end: date) -> CommitteeMember:
    """An administrator moves a civilian member's term end (the committee is told: CommitteeMemberChanged)."""
    who.require(Role.ADMIN)
    member = _civilian(member_id)
    if member.term_start is not None and term_end < member.term_start:
        raise InvalidInput("임기 종료일이 시작일보다 앞섭니다.", code="TERM_INVALID")
    changed = CommitteeMemberChanged(member_id=member_id, gender=member.gender, term_start=member.term_start,
                                     term_end=term_end)
    committee_store.change_civilian_term(member, term_end=term_end, event=changed,
                                         by=f"admin:{who.employee_no or who.subject}")
    return dataclasses.replace(member, term_end=term_end)


def end_member(who: Caller, member_id: str) -> CommitteeMember:
    """An administrator ends a civilian member's membership today (해촉, resignation): the term ends yesterday and the
    committee is told (CommitteeMemberEnded)."""
    who.require(Role.ADMIN)
    member = _civilian(member_id)
    if not member.serving_on(today()):
        raise RuleViolation("오늘 임기 중인 위원이 아닙니다.", code="NOT_SERVING", details={"member_id": member_id})
    ended = CommitteeMemberEnded(member_id=member_id, ended_on=today())
    committee_store.change_civilian_term(member, term_end=today() - timedelta(days=1), event=ended,
                                         by=f"admin:{who.employee_no or who.subject}")
    close_account(member_id)
    return dataclasses.replace(member, term_end=today() - timedelta(days=1))


def open_account(who: Caller, member_id: str) -> bool:
    """The secretary (or an administrator) gives a serving civilian member a sign-in: a user of the staff pool named
    by their member id (`CIV-…`, which the committee reads as their member id), in the `committee` group, with no
    department. Where the county invites (`directory.cognito_invite`), Cognito mails the invitation to the member's
    contact (decrypted for that alone, never logged); locally nothing is mailed. A disabled account of a serving
    member is enabled again. Returns whether the account is new."""
    who.require(Role.ADMIN, *county().offices.roles(Duty.COMMITTEE_SECRETARIAT))
    member = _civilian(member_id)
    if not member.serving_on(today()):
        raise RuleViolation("오늘 임기 중인 위원이 아닙니다.", code="NOT_SERVING", details={"member_id": member_id})
    pool = env("USER_POOL_ID")
    enabled = cognito.is_enabled(pool, member_id)
    if enabled:
        raise Conflict("이미 계정이 있는 위원입니다.", code="ACCOUNT_EXISTS", details={"member_id": member_id})
    if enabled is None:
        invite = county().directory.cognito_invite
        email = committee_store.reveal_contact(member) if invite else None
        if invite and (email is None or "@" not in email):
            raise RuleViolation("초대 메일을 보낼 연락처(이메일)가 없습니다.", code="CONTACT_NOT_EMAIL",
                                details={"member_id": member_id})
        cognito.create_user(pool, member_id, None, email=email, invite=invite)
    cognito.set_groups(pool, member_id, [Role.COMMITTEE.value])
    cognito.enable(pool, member_id)
    logger.info("committee member account opened", extra={"member_id": member_id, "new": enabled is None})
    return enabled is None


def close_account(member_id: str) -> None:
    """A civilian member's sign-in is disabled and signed out everywhere as their membership ends (if they had one)."""
    pool = env("USER_POOL_ID")
    if cognito.is_enabled(pool, member_id) is None:
        return
    cognito.disable(pool, member_id)
    cognito.sign_out(pool, member_id)
    logger.info("committee member account disabled", extra={"member_id": member_id})


def _civilian(member_id: str) -> CommitteeMember:
    member = committee_store.committee_member(member_id)
    if member is None or not member.civilian:
        raise NotFound("위촉 위원이 없습니다.", code="MEMBER_NOT_FOUND")
    return member


def add_member(who: Caller, body: CommitteeMemberIn) -> tuple[CommitteeMember, bool]:
    """A civilian member, or an employee as an ex-officio member; returns the member and whether it is new (an
    employee already serving with this term is the same member)."""
    me = people.acting(who, Role.ADMIN)
    added_by = f"admin:{who.employee_no or who.subject}"
    if body.civilian:
        member = CommitteeMember(
            member_id=committee.civilian_id(body.name, body.affiliation, body.term_start), civilian=True,
            gender=body.gender, name=body.name, affiliation=body.affiliation, term_start=body.term_start,
            term_end=body.term_end)
        committee_store.add_civilian_member(member, contact=body.contact, added_by=added_by,
                                            event=appointed(member))
        return member, True
    roles.may_set_roles(who, normal_employee_no(body.employee_no))
    staff = committee.active_staff(staff_store.find_staff(normal_employee_no(body.employee_no)))
    entry = committee_store.committee_member(ex_officio_id(staff.employee_no))
    if committee.already_ex_officio(staff, entry, gender=body.gender, term_start=body.term_start,
                                    term_end=body.term_end):
        if entry is None or entry.gender is None:
            committee_store.save_ex_officio(staff, gender=body.gender, added_by=added_by)
        return committee.ex_officio_member(staff, body.gender), False
    plan = roles.plan_roles(staff, [*staff.roles, Role.COMMITTEE], body.term_start, body.term_end,
                            **role_context(staff), updated_at=now().isoformat(), committee_gender=body.gender)
    roles.record_grants(plan, powerful=county().directory.powerful_roles, by=who.employee_no or who.subject,
                        source=added_by, at=now().isoformat())
    plan.acting = me
    changes.apply(plan, source=added_by)
    return committee.ex_officio_member(staff_store.get_staff(staff.employee_no), body.gender), True
