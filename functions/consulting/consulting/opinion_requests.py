"""의견제시 요청: any official asks the committee directly; the AA officer (책임관) screens importance and urgency
(the same refusal reasons as pre-consulting; an earlier pre-consulting never bars it, and its opinion goes with the
item); an accepted request becomes a committee item due 30 calendar days from receipt (the county's period); the
committee's resolution returns as the opinion, registered under the matter's code."""

from __future__ import annotations

from uuid import uuid4

from common.clock import now
from common.county import county
from common.errors import InvalidInput, RuleViolation
from common.identity import Caller
from common.offices import Duty
from consulting import cases, evidence
from consulting.models import OpinionRequestIn, ScreeningIn
from consulting.rules import clocks
from consulting.rules.lifecycle import RequestAction, request_move
from consulting.rules.matter import matter_code
from consulting.rules.offices import section
from consulting.rules.screening import refusal
from consulting.storage import opinions as registry
from consulting.storage.items import CaseItem, OpinionItem
from contracts.committee import CommitteeItemRequested, CommitteeResolved, ItemKind, StaffParty
from contracts.consulting import OpinionIssued, OpinionRequestFiled

KIND = "opinion_request"


def file(who: Caller, body: OpinionRequestIn) -> CaseItem:
    department = cases.department_of(who)
    earlier = cases.read(who, body.pre_consulting_id, "pre_consulting") if body.pre_consulting_id else None
    moment = now()
    case_id = cases.new_id(KIND)
    code = matter_code(body.matter_code)
    clock = clocks.opinion_request(section(), county().clock, at=moment, by=cases.by(who))
    case = CaseItem.new(case_id, kind=KIND, department=department, filed_at=moment.isoformat(), status="SUBMITTED",
                        requester=cases.by(who), title=body.title, matter_code=code,
                        rules_in_question=body.rules_in_question, own_review=body.own_review,
                        documents=evidence.cited(department, body.documents), private_interest=body.private_interest,
                        private_interest_note=body.private_interest_note,
                        information_complete=body.information_complete,
                        pre_consulting_id=earlier.case_id if earlier else None)
    event = OpinionRequestFiled(request_id=case_id, requester_employee_no=cases.by(who), department=department,
                                matter_code=code, received_at=moment, pre_consulting_id=case.pre_consulting_id)
    return cases.file(case, clock, [event.envelope()])


def read(who: Caller, case_id: str) -> CaseItem:
    return cases.read(who, case_id, KIND)


def screen(who: Caller, case_id: str, body: ScreeningIn) -> CaseItem:
    """The AA officer's screening: refused with a reason, or put on the committee's agenda (its 30 days run from
    receipt, as the item's `received_at`)."""
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_OPINION_SCREENING)
    judged = {"importance": body.importance, "urgency": body.urgency}
    if body.decision == "refuse":
        if body.reason_code is None:
            raise InvalidInput("반려 사유를 골라 주세요.", code="REFUSAL_REASON_REQUIRED")
        move = request_move(case.status, RequestAction.REFUSE)
        reason, told = refusal(body.reason_code, body.note)
        return cases.apply(who, case, "refuse", move, reason="반려", note=told,
                           changes={**judged, "refusal_reason": reason.value, "refusal_message": told})
    move = request_move(case.status, RequestAction.ACCEPT)
    item = CommitteeItemRequested(
        origin_area="consulting", origin_case_id=case.case_id, kind=ItemKind.OPINION_REQUEST,
        title=f"의견제시 요청: {case.title}"[:200], summary=_summary(case),
        documents=list(case.documents or []), parties=[StaffParty(employee_no=case.requester,
                                                                  department=case.department)],
        received_at=case.filed_at)
    return cases.apply(who, case, "accept", move, reason="안건 상정", note=body.note, changes=judged,
                       events=[item.envelope()])


def _summary(case: CaseItem) -> str:
    """The item's summary: the rules in question, and the earlier pre-consulting's opinion where there was one."""
    parts = [f"관련 규정: {case.rules_in_question}"]
    earlier = cases.get(case.pre_consulting_id, "pre_consulting") if case.pre_consulting_id else None
    if earlier is not None and earlier.opinion_id and (opinion := registry.get(earlier.opinion_id)):
        parts.append(f"사전컨설팅 {earlier.case_id} 의견 ({opinion.issued_on}): {opinion.text}")
    return "\n".join(parts)[:4000]


def resolved(case_id: str, event: CommitteeResolved) -> None:
    """The committee's resolution is the opinion: registered, published, the clock stopped."""
    case = cases.get(case_id, KIND)
    move = request_move(case.status, RequestAction.RESOLVED)
    opinion_id = f"OP-{uuid4().hex}"
    text = (f"적극행정위원회 의결: {cases.OUTCOMES_KO.get(event.outcome, event.outcome)} "
            f"(회의 {event.meeting_id}, {event.resolved_on}; 찬성 {event.counts.get('for', 0)}, "
            f"반대 {event.counts.get('against', 0)}, 기권 {event.counts.get('abstain', 0)})")
    opinion = OpinionItem.new(opinion_id, matter_code=case.matter_code, department=case.department,
                              issued_on=event.resolved_on.isoformat(), case_kind=KIND, case_id=case.case_id,
                              requester=case.requester, issued_by="committee", text=text,
                              information_complete=case.information_complete, private_interest=case.private_interest)
    issued = OpinionIssued(opinion_id=opinion_id, case_kind=KIND, case_id=case.case_id,
                           requester_employee_no=case.requester, department=case.department,
                           matter_code=case.matter_code, issued_on=event.resolved_on, issued_by="committee")
    cases.apply(cases.SYSTEM, case, "resolved", move, reason="위원회 의결", note=text, actor="committee",
                changes={"opinion_id": opinion_id, **cases.committee_answer(event)}, events=[issued.envelope()],
                opinion=opinion)


def report_action(who: Caller, case_id: str, action: str) -> CaseItem:
    case = cases.own_department(who, case_id, KIND)
    move = request_move(case.status, RequestAction.REPORT_ACTION)
    if not case.opinion_id:
        raise RuleViolation("의견이 아직 없습니다.", code="NO_OPINION")
    return cases.apply(who, case, "report_action", move, reason="조치 결과 보고", changes={"action_report": action},
                       acted=(case.opinion_id, action))

