"""소송 등 지원 (운영규정 §17): an official applies for legal-cost support in a case arising from their duties (the
office mapped to `consulting.litigation` files for a retired official, in the criminal kinds only); the committee
reviews every application (a committee item); approved, up to the county's amount for its kind
(`consulting.litigation_support`), with LitigationSupportApproved; a criminal trial's final acquittal is recorded
before its costs are paid; payments are recorded, never beyond the approved amount (each conditional on the case as
read)."""

from __future__ import annotations

from typing import Any

from common.clock import now
from common.county_consulting import LitigationKind
from common.errors import Forbidden, InvalidInput, RuleViolation
from common.identity import Caller
from common.offices import Duty
from consulting import cases, evidence, staff
from consulting.models import IndemnityIn, InvestigatorOpinionIn, LitigationIn, LitigationOut, PaymentIn, VerdictIn
from consulting.rules import litigation as rules
from consulting.rules.lifecycle import Move, invalid_state
from consulting.rules.offices import require, section
from consulting.storage.items import CaseItem
from contracts.committee import CommitteeItemRequested, CommitteeResolved, ItemKind, StaffParty
from contracts.consulting import LitigationSupportApproved

KIND = "litigation"


def file(who: Caller, body: LitigationIn) -> CaseItem:
    kind = LitigationKind(body.kind)
    if body.retired:  # a retired official has no sign-in: the office files for them
        require(who, Duty.CONSULTING_LITIGATION)
        if not body.applicant_employee_no or not body.applicant_department:
            raise InvalidInput("퇴직자 대리 접수는 신청인 사번과 마지막 소속 부서를 적어 주세요.",
                               code="APPLICANT_REQUIRED")
        applicant, department = body.applicant_employee_no, body.applicant_department
        if applicant == who.employee_no:
            raise Forbidden("본인의 건을 퇴직자 대리 접수로 낼 수 없습니다. 재직 중인 공무원은 본인이 신청합니다.",
                            code="OWN_APPLICATION", details={"applicant_employee_no": applicant})
        if staff.serving(applicant):
            raise RuleViolation("직원 명부에 재직 중인 공무원입니다: 본인이 신청합니다 (퇴직자만 대리 접수).",
                                code="NOT_RETIRED", details={"applicant_employee_no": applicant})
    else:
        department = cases.department_of(who)
        if body.applicant_employee_no not in (None, who.employee_no):
            raise Forbidden("재직 중인 공무원은 본인이 신청합니다.", code="NOT_YOURS")
        applicant = cases.by(who)
    requested = rules.application(kind, section().litigation_support[kind], retired=body.retired,
                                  requested_won=body.requested_won)
    case_id = cases.new_id(KIND)
    case = CaseItem.new(case_id, kind=KIND, department=department, filed_at=now().isoformat(), requester=applicant,
                        status="APPLIED", title=f"소송 등 지원: {rules.KIND_LABELS_KO[kind]}", matter_code="LITIGATION",
                        own_review=body.case_summary, documents=evidence.cited(department, body.documents),
                        information_complete=True, paid_won=0,
                        details={"litigation_kind": kind.value, "retired": body.retired, "requested_won": requested,
                                 "filed_by": cases.by(who)})
    item = CommitteeItemRequested(
        origin_area="consulting", origin_case_id=case_id, kind=ItemKind.LITIGATION_SUPPORT, title=case.title,
        summary=f"{body.case_summary}\n신청 금액: {requested:,}원{' (퇴직 공무원)' if body.retired else ''}"[:4000],
        documents=list(case.documents), parties=[StaffParty(employee_no=applicant, department=department)])
    return cases.file(case, None, [item.envelope()])


def read(who: Caller, case_id: str) -> LitigationOut:
    return view(cases.read(who, case_id, KIND))


def view(case: CaseItem) -> LitigationOut:
    details: dict[str, Any] = case.details or {}
    return LitigationOut(case=cases.view(case), litigation_kind=details.get("litigation_kind", ""),
                         retired=bool(details.get("retired")), requested_won=int(details.get("requested_won", 0)),
                         approved_won=int(case.approved_won) if case.approved_won is not None else None,
                         paid_won=int(case.paid_won or 0), acquitted=bool(case.acquitted))


def resolved(case_id: str, event: CommitteeResolved) -> None:
    case = cases.get(case_id, KIND)
    move = rules.resolved(case.status, passed=event.outcome == "passed")
    details = case.details or {}
    changes: dict[str, Any] = cases.committee_answer(event)
    published = []
    if move.after == "APPROVED":
        changes["approved_won"] = int(details["requested_won"])
        published.append(LitigationSupportApproved(
            litigation_id=case.case_id, applicant_employee_no=case.requester, department=case.department,
            kind=details["litigation_kind"], retired=bool(details.get("retired")),
            approved_won=int(details["requested_won"]), resolved_on=event.resolved_on).envelope())
    cases.apply(cases.SYSTEM, case, "resolved", move, reason="위원회 의결", actor="committee", changes=changes,
                note=f"{event.outcome} (회의 {event.meeting_id}, {event.resolved_on})", events=published)


def decide_indemnity(who: Caller, body: IndemnityIn) -> CaseItem:
    """A 구상권 decision about an official, with whether the damage came from active administration (§17①)."""
    require(who, Duty.CONSULTING_LITIGATION)
    decision = rules.indemnity(body.decision, from_active_administration=body.from_active_administration,
                               weighing=body.weighing)
    # the official's department as the directory has it (the request's only where the directory does not know them)
    department = staff.department_of(body.employee_no) or body.department
    case = CaseItem.new(cases.new_id("indemnity"), kind="indemnity", department=department,
                        filed_at=now().isoformat(), requester=body.employee_no, status=decision.upper(),
                        title="구상권 결정", matter_code="INDEMNITY", own_review=body.damage_summary,
                        information_complete=True,
                        details={"from_active_administration": body.from_active_administration,
                                 "weighing": body.weighing, "decision": decision, "amount_won": body.amount_won,
                                 "decided_by": cases.by(who)})
    cases.not_own(who, case, Duty.CONSULTING_LITIGATION)  # never about oneself, nor one's department's official
    return cases.file(case, None, [])


def read_indemnity(who: Caller, case_id: str) -> CaseItem:
    return cases.read(who, case_id, "indemnity")


def record_verdict(who: Caller, case_id: str, body: VerdictIn) -> LitigationOut:
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_LITIGATION)
    if case.status != "APPROVED" or case.acquitted:
        raise invalid_state(case.status if not case.acquitted else "ACQUITTED", "verdict", ["APPROVED"])
    moved = cases.apply(who, case, "final_acquittal", Move(case.status, case.status, None), reason="무죄 확정",
                        note=f"{body.court_case} ({body.decided_on})", changes={"acquitted": True})
    return view(moved)


def investigator_opinion(who: Caller, case_id: str, body: InvestigatorOpinionIn) -> LitigationOut:
    """운영규정 §17④: on request, the county's opinion sent to the investigating body, recorded on the case."""
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_LITIGATION)
    if case.status == "DENIED":
        raise invalid_state(case.status, "investigator_opinion", ["APPLIED", "APPROVED", "PAID"])
    moved = cases.apply(who, case, "investigator_opinion", Move(case.status, case.status, None),
                        reason="수사기관 의견 제출", note=f"{body.addressee} ({body.sent_on}): {body.summary}")
    return view(moved)


def pay(who: Caller, case_id: str, body: PaymentIn) -> LitigationOut:
    """A payment, recorded once: the sum moves only from the case as read (its version)."""
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_LITIGATION)
    details = case.details or {}
    kind = LitigationKind(details["litigation_kind"])
    paid = int(case.paid_won or 0)
    move = rules.payment(case.status, section().litigation_support[kind], acquitted=bool(case.acquitted),
                         approved_won=int(case.approved_won or 0), paid_won=paid, won=body.won)
    moved = cases.apply(who, case, "payment", move, reason="지원금 지급", note=f"{body.won:,}원 ({body.paid_on})",
                        changes={"paid_won": paid + body.won})
    return view(moved)
