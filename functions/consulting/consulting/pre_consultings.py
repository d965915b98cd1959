"""사전컨설팅: a department files with the audit office; screening refuses with a reason, asks for 보완 (the clock
paused) or accepts; a site visit or hearing; the audit head asks the committee's advice (a committee item) or sends
the case up to the provincial audit body in the county head's name and records its answer; the opinion is issued and
registered; the department reports the action it took (sent back up where the province answered)."""

from __future__ import annotations

from uuid import uuid4

from common.clock import now, today
from common.county import county
from common.identity import Caller
from common.offices import Duty
from common.statutory import CaseClock
from consulting import cases, evidence
from consulting.models import (
    AdviceIn,
    EscalationIn,
    OpinionIn,
    PreConsultingIn,
    ProvinceAnswerIn,
    ReasonIn,
    RefusalIn,
    ResubmissionIn,
    VisitIn,
)
from consulting.rules import clocks
from consulting.rules.lifecycle import PreAction, escalation_ground, pre_move, refusal_move
from consulting.rules.matter import matter_code
from consulting.rules.offices import section
from consulting.rules.screening import RefusalReason, refusal
from consulting.storage.items import CaseItem, OpinionItem
from contracts.committee import CommitteeItemRequested, CommitteeResolved, ItemKind, StaffParty
from contracts.consulting import OpinionIssued, PreConsultingRequested

KIND = "pre_consulting"


def file(who: Caller, body: PreConsultingIn) -> CaseItem:
    department = cases.department_of(who)
    moment = now()
    case_id = cases.new_id(KIND)
    code = matter_code(body.matter_code)
    clock = clocks.pre_consulting_answer(section(), county().clock, at=moment, by=cases.by(who))
    case = CaseItem.new(case_id, kind=KIND, department=department, filed_at=moment.isoformat(), status="SUBMITTED",
                        requester=cases.by(who), title=body.title, matter_code=code,
                        rules_in_question=body.rules_in_question, own_review=body.own_review,
                        documents=evidence.cited(department, body.documents),
                        private_interest=body.private_interest, private_interest_note=body.private_interest_note,
                        information_complete=body.information_complete)
    event = PreConsultingRequested(consulting_id=case_id, requester_employee_no=cases.by(who), department=department,
                                   matter_code=code, filed_at=moment)
    return cases.file(case, clock, [event.envelope()])


def read(who: Caller, case_id: str) -> CaseItem:
    return cases.read(who, case_id, KIND)


def request_supplement(who: Caller, case_id: str, body: ReasonIn) -> CaseItem:
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_SCREENING)
    move = pre_move(case.status, PreAction.REQUEST_SUPPLEMENT)
    period = clocks.supplement(section(), county().clock, at=now(), by=cases.by(who), reason=body.reason)
    return cases.apply(who, case, PreAction.REQUEST_SUPPLEMENT.value, move, reason="보완 요청", note=body.reason,
                       changes={"supplement_clock": period.model_dump_json()}, alarm_clock=period)


def resubmit(who: Caller, case_id: str, body: ResubmissionIn) -> CaseItem:
    case = cases.own_department(who, case_id, KIND)
    move = pre_move(case.status, PreAction.RESUBMIT)
    changes: dict = {"supplement_clock": None,
                     "documents": list(dict.fromkeys([*case.documents, *evidence.cited(case.department,
                                                                                       body.documents)]))}
    if body.own_review:
        changes["own_review"] = body.own_review
    return cases.apply(who, case, PreAction.RESUBMIT.value, move, reason="보완 제출", note=body.note,
                       changes=changes)


def refuse(who: Caller, case_id: str, body: RefusalIn) -> CaseItem:
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_SCREENING)
    reason, told = refusal(body.reason_code, body.note)
    overdue = bool(case.supplement_clock) and now() >= CaseClock.stored(
        case.supplement_clock).due_at(cases.statutory_time(), now=now())
    move = refusal_move(case.status, supplement_overdue=overdue,
                        for_missed_supplement=reason is RefusalReason.SUPPLEMENT_NOT_MADE)
    return cases.apply(who, case, PreAction.REFUSE.value, move, reason="반려", note=told,
                       changes={"refusal_reason": reason.value, "refusal_message": told})


def accept(who: Caller, case_id: str) -> CaseItem:
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_SCREENING)
    return cases.apply(who, case, PreAction.ACCEPT.value, pre_move(case.status, PreAction.ACCEPT), reason="접수")


def visit(who: Caller, case_id: str, body: VisitIn) -> CaseItem:
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_SCREENING)
    move = pre_move(case.status, PreAction.VISIT)
    label = "현장 확인" if body.kind == "site_visit" else "청문"
    return cases.apply(who, case, body.kind, move, reason=label, note=f"{label} {body.held_on}: {body.summary}")


def ask_advice(who: Caller, case_id: str, body: AdviceIn) -> CaseItem:
    """The audit head asks the committee's advice (운영규정 §10①1): a committee item, by event."""
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_ESCALATION)
    move = pre_move(case.status, PreAction.ASK_ADVICE)
    item = CommitteeItemRequested(
        origin_area="consulting", origin_case_id=case.case_id, kind=ItemKind.PRE_CONSULTING,
        title=f"사전컨설팅 자문: {case.title}"[:200], summary=body.question, documents=list(case.documents or []),
        parties=[StaffParty(employee_no=case.requester, department=case.department)])
    return cases.apply(who, case, PreAction.ASK_ADVICE.value, move, reason="위원회 자문 요청", note=body.question,
                       events=[item.envelope()])


def advice_answered(case_id: str, event: CommitteeResolved) -> None:
    """The committee's resolution on the advice asked (from CommitteeResolved), with the audit head's opinion."""
    case = cases.get(case_id, KIND)
    move = pre_move(case.status, PreAction.ADVICE_ANSWERED)
    cases.apply(cases.SYSTEM, case, PreAction.ADVICE_ANSWERED.value, move, reason="위원회 자문 결과",
                note=f"{event.outcome} ({event.resolved_on})", actor="committee",
                changes={"advice_outcome": event.outcome, **cases.committee_answer(event)})


def escalate(who: Caller, case_id: str, body: EscalationIn) -> CaseItem:
    """Sent up to the provincial audit body in the county head's name (운영규정 §5②): the clock waits for it."""
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_ESCALATION)
    move = pre_move(case.status, PreAction.ESCALATE)
    grounds = escalation_ground(list(body.grounds), section().province_path)
    note = f"{section().province_body} 이관 ({', '.join(g.value for g in grounds)})" + (
        f": {body.note}" if body.note else "")
    return cases.apply(who, case, PreAction.ESCALATE.value, move, reason="도 감사기구 이관", note=note,
                       changes={"escalation_grounds": [g.value for g in grounds]})


def province_answer(who: Caller, case_id: str, body: ProvinceAnswerIn) -> CaseItem:
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_SCREENING)
    move = pre_move(case.status, PreAction.PROVINCE_ANSWER)
    return cases.apply(who, case, PreAction.PROVINCE_ANSWER.value, move, reason="도 감사기구 회신",
                       note=f"{body.answered_on} 회신", changes={"province_answer": body.answer})


def issue_opinion(who: Caller, case_id: str, body: OpinionIn) -> CaseItem:
    """The opinion, registered under the matter's code with what an exemption will presume from it."""
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_SCREENING)
    move = pre_move(case.status, PreAction.ISSUE_OPINION, province_path=section().province_path)
    issued_by = "province" if case.province_answer else "audit_office"
    opinion_id = f"OP-{uuid4().hex}"
    opinion = OpinionItem.new(opinion_id, matter_code=case.matter_code, department=case.department,
                              issued_on=today().isoformat(), case_kind=KIND, case_id=case.case_id,
                              requester=case.requester, issued_by=issued_by, text=body.opinion,
                              information_complete=case.information_complete,
                              private_interest=case.private_interest)
    event = OpinionIssued(opinion_id=opinion_id, case_kind=KIND, case_id=case.case_id,
                          requester_employee_no=case.requester, department=case.department,
                          matter_code=case.matter_code, issued_on=today(),
                          issued_by=issued_by)
    return cases.apply(who, case, PreAction.ISSUE_OPINION.value, move, reason="의견 회신",
                       changes={"opinion_id": opinion_id}, events=[event.envelope()], opinion=opinion)


def report_action(who: Caller, case_id: str, action: str) -> CaseItem:
    case = cases.own_department(who, case_id, KIND)
    move = pre_move(case.status, PreAction.REPORT_ACTION)
    note = f"{section().province_body}에 조치 결과 보고" if case.province_answer else None
    return cases.apply(who, case, PreAction.REPORT_ACTION.value, move, reason="조치 결과 보고", note=note,
                       changes={"action_report": action}, acted=(case.opinion_id, action))

