"""Handling by the audit office: acknowledge, classify (or reroute as an ordinary petition), assign the
investigator, notes, the field investigation, extensions, the decision with its measures, the department's answer,
closing and reopening, messages to the reporter.

Object scope on top of the role: nobody reported, and nobody in a reported official's department, handles or reads
the case through the office's routes; the competent department of a rerouted petition reads it (without the
reporter: no case view carries them) and answers it; an investigator is neither the official nor in their
department."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from common import evidence
from common.clock import now, today
from common.county_complaints import PetitionType
from common.crypto import decrypt_field
from common.errors import Forbidden, NotFound, RuleViolation
from common.identity import Caller, Role
from common.offices import Duty
from common.statutory import CaseClock
from complaints import clocks, retention, staff
from complaints.clients import notifications
from complaints.intake import attachment_key, record
from complaints.models import AnswerIn, ClassifyIn, DecisionIn, ExtensionIn, FieldInvestigationIn, InvestigatorIn
from complaints.rules import lifecycle, protection
from complaints.rules import measures as measure_rules
from complaints.rules.investigators import check_investigator, concerned
from complaints.rules.lifecycle import Action
from complaints.rules.offices import require, roles, rules
from complaints.storage import cases as stored
from contracts.complaints import Measure, PassiveAdministrationConfirmed, PassiveType

REMEDIES = ("결과에 이의가 있으면 통지를 받은 날부터 90일 안에 행정심판을, 또는 국민권익위원회에 고충민원을 "
            "제기할 수 있습니다.")


def get(case_id: str) -> Any:
    case = stored.get_case(case_id)
    if case is None:
        raise NotFound("신고 건을 찾을 수 없습니다.", code="CASE_NOT_FOUND", details={"case_id": case_id})
    return case


def is_concerned(who: Caller, case: Any) -> bool:
    officials = [o for o in [case.official, *(m["employee_no"] for m in case.measures or [])] if o]
    departments = [d for d in [case.department, case.official_department,
                               *(m["department"] for m in case.measures or [])] if d]
    return concerned(employee_no=who.employee_no, department=who.department, officials=officials,
                     departments=departments)


def not_concerned(who: Caller, case: Any) -> None:
    if is_concerned(who, case):
        raise Forbidden("신고된 공무원 본인이나 같은 부서 직원은 이 신고를 다룰 수 없습니다.", code="CONCERNED",
                        details={"case_id": case.case_id})


def handler(who: Caller, case_id: str) -> Any:
    """The office mapped to complaints.intake, not concerned by the case."""
    require(who, Duty.COMPLAINTS_INTAKE)
    case = get(case_id)
    not_concerned(who, case)
    return case


def _investigating(who: Caller, case_id: str) -> Any:
    """The intake office or the case's investigator (who holds the investigation duty), not concerned."""
    if not who.is_staff:
        raise Forbidden(code="ROLE_REQUIRED")
    case = get(case_id)
    intake = who.has(*roles(Duty.COMPLAINTS_INTAKE))
    investigator = who.has(*roles(Duty.COMPLAINTS_INVESTIGATION)) and case.investigator == who.employee_no
    if not (intake or investigator):
        raise Forbidden("감사부서 또는 이 신고의 조사 담당자만 할 수 있습니다.", code="NOT_HANDLER")
    not_concerned(who, case)
    return case


def _department(who: Caller, case: Any) -> bool:
    return (case.rerouted_to is not None and who.is_staff and who.has(Role.DEPT_HEAD)
            and who.department == case.rerouted_to)


def read(who: Caller, case_id: str) -> tuple[Any, str]:
    """(case, view): `office` for the intake office and the investigator, `department` for the competent
    department's head of a rerouted petition."""
    if not who.is_staff:
        raise Forbidden(code="ROLE_REQUIRED")
    case = get(case_id)
    if _department(who, case):
        return case, "department"
    return _investigating(who, case_id), "office"


def is_intake(who: Caller) -> bool:
    return who.is_staff and who.has(*roles(Duty.COMPLAINTS_INTAKE))


def listing(who: Caller, *, token: str | None, limit: int) -> tuple[list[Any], str | None]:
    """The intake office: every case not concerning the caller, newest first; a department head: the petitions
    rerouted to their department."""
    if is_intake(who):
        page = stored.listing(token, limit, keep=lambda case: not is_concerned(who, case))
        return page.items, page.next_token
    if who.is_staff and who.has(Role.DEPT_HEAD) and who.department:
        page = stored.of_department(who.department, token, limit)
        return page.items, page.next_token
    require(who, Duty.COMPLAINTS_INTAKE)
    return [], None  # pragma: no cover


def attachments(case: Any) -> list[dict[str, Any]]:
    """The report's attachments with a short-lived download link (the office's view only)."""
    return [{**file, "download": evidence.presigned_download(attachment_key(case.case_id, index), expires_in=300)}
            for index, file in enumerate(case.attachments or [])]


def notes(case: Any) -> list[dict[str, Any]]:
    return [{"note_id": n.note_id, "text": n.text, "at": n.at, "by": n.by} for n in stored.notes(case.case_id)]


def messages(case: Any) -> list[dict[str, Any]]:
    return [{"sender": m.sender, "text": m.text, "at": m.at, "by": m.by} for m in stored.messages(case.case_id)]


# ------------------------------------------------------------------------------------------------ transitions
def acknowledge(who: Caller, case_id: str, petition_type: Any) -> Any:
    """Received by the audit office: the intake clock stops; a 민원인's answer period starts (the petition type's)."""
    case = handler(who, case_id)
    status = lifecycle.expect(Action.ACKNOWLEDGE, case.status)
    at, by = now(), who.employee_no or ""
    sets: dict[str, Any] = {"status": status.value, "received_at": at.isoformat(),
                            "petition_type": petition_type.value}
    alarm: Any = False
    intake = clocks.read(case)
    if intake is not None and intake.state != "stopped":  # kept, stopped: was it acknowledged in time?
        sets["intake_clock"] = intake.stop(at=at, by=by, reason="접수 확인").model_dump_json()
    if not case.anonymous:
        clock, alarm = clocks.start(rules().periods.of(petition_type), at=at, by=by, reason="접수 확인")
        sets["clock"] = clock.model_dump_json()
    stored.change(case, sets, alarm=alarm)
    return get(case_id)


def classify(who: Caller, case_id: str, body: ClassifyIn) -> Any:
    case = handler(who, case_id)
    at = now().isoformat()
    classification = {"passive": body.passive, "reason": body.reason, "harm": body.harm, "by": who.employee_no,
                      "at": at}
    sets: dict[str, Any] = {}
    if protection.check_flag(bool(case.whistleblower), body.whistleblower):
        sets.update(whistleblower=True, protected_until=protection.protected_until(today()).isoformat())
    if body.passive:
        if body.passive_type is None or not body.harm:
            raise RuleViolation("소극행정 유형과 피해(권익 침해·재정 손실)를 적어 주세요.",
                                code="TYPE_AND_HARM_REQUIRED")
        status = lifecycle.expect(Action.CLASSIFY, case.status)
        stored.change(case, {**sets, "status": status.value,
                             "classification": {**classification, "type": body.passive_type.value}})
        return get(case_id)
    if body.not_passive_reason is None or not body.department:
        raise RuleViolation("소극행정이 아닌 이유와 이송할 담당 부서를 적어 주세요.",
                            code="REROUTE_REQUIRES_DEPARTMENT")
    status = lifecycle.expect(Action.REROUTE, case.status)
    lifecycle.check_reroute(body.not_passive_reason, repeated=bool(case.repeats))
    notice = stored.message(case.case_id, uuid4().hex[:12], at=at, sender="office", by=who.employee_no,
                                   text=f"소극행정 신고에 해당하지 않아 담당 부서({body.department})에 일반 민원으로 "
                                        f"이송했습니다. 사유: {body.reason}. 부서의 답변은 이 화면에 표시됩니다.")
    stored.change(case, {**sets, "status": status.value, "rerouted_to": body.department,
                         "classification": {**classification, "type": "not_passive",
                                            "not_passive_reason": body.not_passive_reason.value}},
                  department=body.department, puts=[notice])
    _send(case, "민원 이송 안내", notice.text)
    return get(case_id)


def assign(who: Caller, case_id: str, body: InvestigatorIn) -> Any:
    """The investigator: of the investigation office (the directory's roles), never the official reported nor anyone
    in the department the report names or the directory has for the official."""
    case = handler(who, case_id)
    lifecycle.expect(Action.ASSIGN, case.status)
    found = staff.known(body.employee_no, body.department)
    check_investigator(employee_no=body.employee_no, department=found.department, official=case.official,
                       official_department=case.department, also=(case.official_department,))
    staff.check_investigation_role(found)
    stored.change(case, {"investigator": body.employee_no, "investigator_department": found.department})
    return get(case_id)


def add_note(who: Caller, case_id: str, text: str) -> Any:
    case = _investigating(who, case_id)
    lifecycle.expect(Action.NOTE, case.status)
    note = stored.note(case.case_id, uuid4().hex[:12], at=now().isoformat(), text=text, by=who.employee_no or "")
    stored.change(case, {}, puts=[note])
    return get(case_id)


def office_message(who: Caller, case_id: str, text: str) -> Any:
    case = _investigating(who, case_id)
    lifecycle.expect(Action.MESSAGE, case.status)
    message = stored.message(case.case_id, uuid4().hex[:12], at=now().isoformat(), sender="office",
                                    by=who.employee_no, text=text)
    stored.change(case, {}, puts=[message])
    return get(case_id)


def field_investigation(who: Caller, case_id: str, body: FieldInvestigationIn) -> Any:
    """고충민원 현지조사: not counted in the period (the clock pauses), up to the county's days, extended once;
    ending it after its limit counts the days past the limit (the pause ends at the limit)."""
    case = _investigating(who, case_id)
    lifecycle.expect(Action.FIELD_INVESTIGATION, case.status)
    if case.petition_type not in (None, "grievance"):
        raise RuleViolation("현지조사 기간은 고충민원에만 뺍니다.", code="FIELD_INVESTIGATION_GRIEVANCE_ONLY")
    limits, moment, by = rules().field_investigation, now(), who.employee_no or ""
    current = dict(case.field_investigation or {})
    clock = clocks.read(case)
    sets: dict[str, Any]
    alarm: Any = False
    if body.action == "start":
        if current.get("started_at") and not current.get("ended_at"):
            raise RuleViolation("이미 현지조사 중입니다.", code="FIELD_INVESTIGATION_OPEN")
        if current.get("started_at"):
            raise RuleViolation("현지조사는 한 번입니다 (연장은 한 번).", code="FIELD_INVESTIGATION_DONE")
        sets = {"field_investigation": {"started_at": moment.isoformat(), "extended": False, "reason": body.reason,
                                        "until": (moment + timedelta(days=limits.max_days)).isoformat()}}
        if clock is not None:
            sets["clock"] = clock.pause(at=moment, by=by, reason=f"현지조사: {body.reason}").model_dump_json()
            alarm = None
    elif body.action == "extend":
        if not current.get("started_at") or current.get("ended_at"):
            raise RuleViolation("진행 중인 현지조사가 없습니다.", code="NO_FIELD_INVESTIGATION")
        if current.get("extended") or not limits.extension_days:
            raise RuleViolation("현지조사는 한 번만 연장할 수 있습니다.", code="FIELD_INVESTIGATION_EXTENDED")
        until = datetime.fromisoformat(current["until"]) + timedelta(days=limits.extension_days)
        sets = {"field_investigation": {**current, "extended": True, "until": until.isoformat()}}
    else:
        if not current.get("started_at") or current.get("ended_at"):
            raise RuleViolation("진행 중인 현지조사가 없습니다.", code="NO_FIELD_INVESTIGATION")
        end = min(moment, datetime.fromisoformat(current["until"]))
        sets = {"field_investigation": {**current, "ended_at": moment.isoformat()}}
        if clock is not None and clock.state == "paused":
            resumed = clock.resume(at=end, by=by, reason="현지조사 끝")
            sets["clock"] = resumed.model_dump_json()
            alarm = clocks.next_alarm(resumed, moment)
    stored.change(case, sets, alarm=alarm)
    return get(case_id)


def extend(who: Caller, case_id: str, body: ExtensionIn) -> Any:
    """Once up to the original length with a written reason (shown to the reporter); a second time only with the
    reporter's consent (CaseClock refuses otherwise)."""
    case = handler(who, case_id)
    lifecycle.expect(Action.EXTEND, case.status)
    clock = clocks.read(case)
    if clock is None:
        raise RuleViolation("처리기간이 없는 신고입니다 (익명 신고·자체 조사).", code="NO_PERIOD")
    moment = now()
    longer = clock.extend(clocks.office().statutory, length=body.length, at=moment, by=who.employee_no or "",
                          reason=body.reason, consent=body.consent)
    due = longer.due_day(clocks.office().statutory, now=moment)
    notice = stored.message(case.case_id, uuid4().hex[:12], at=moment.isoformat(), sender="office",
                                   by=who.employee_no,
                                   text=f"처리기간을 {due.isoformat()}까지 연장했습니다. 사유: {body.reason.strip()}")
    stored.change(case, {"clock": longer.model_dump_json()}, alarm=clocks.next_alarm(longer, moment), puts=[notice])
    _send(case, "처리기간 연장 안내", notice.text)  # the written notice of the reason and the new date
    return get(case_id)


def decide(who: Caller, case_id: str, body: DecisionIn) -> Any:
    """Findings and the measure per official; `PassiveAdministrationConfirmed` per official given a measure, in the
    transaction that records the decision; the clock stops; the reporter is told (receipt page and notice)."""
    case = handler(who, case_id)
    status = lifecycle.expect(Action.DECIDE, case.status)
    measure_rules.check_measures([(m.employee_no, m.measure.value, m.liability) for m in body.measures])
    for m in body.measures:
        if m.employee_no == who.employee_no or (who.department and m.department == who.department):
            raise Forbidden("본인이나 같은 부서 직원에 대한 조치는 정할 수 없습니다.", code="CONCERNED")
    moment, confirmed_on = now(), today()
    passive_type = PassiveType((case.classification or {}).get("type", PassiveType.OTHER.value))
    consequences = rules().consequences
    rows, events = [], []
    for m in body.measures:
        bars = measure_rules.bars_until(m.measure, confirmed_on, consequences)
        rows.append({"employee_no": m.employee_no, "department": m.department, "measure": m.measure.value,
                     "liability": m.liability, "bars_until": bars.isoformat() if bars else None,
                     "consequences": list(measure_rules.CONSEQUENCES[m.measure])})
        if m.measure is not Measure.NONE:
            events.append(PassiveAdministrationConfirmed(
                case_id=case.case_id, employee_no=m.employee_no, department=m.department, passive_type=passive_type,
                measure=m.measure, liability=m.liability, confirmed_on=confirmed_on, bars_until=bars).envelope())
    result = {"text": body.result, "handler_department": who.department, "handler_name": body.handler.name,
              "handler_contact": body.handler.contact, "remedies": REMEDIES, "at": moment.isoformat()}
    sets: dict[str, Any] = {"status": status.value, "findings": body.findings, "measures": rows, "result": result,
                            "decided_at": moment.isoformat(), "notices": int(case.notices or 0) + 1}
    clock = clocks.read(case)
    if clock is not None and clock.state != "stopped":
        sets["clock"] = clock.stop(at=moment, by=who.employee_no or "", reason="조치 결정").model_dump_json()
    stored.change(case, sets, alarm=None, events=events)
    _notify(case, "소극행정 신고 처리 결과", result)
    return get(case_id)


def answer(who: Caller, case_id: str, body: AnswerIn) -> Any:
    """The competent department answers a rerouted petition (민원처리법 §27); the answer reaches the reporter
    through the receipt page and the notice."""
    case = get(case_id)
    if not _department(who, case):
        raise Forbidden("이송받은 부서의 부서장만 답변할 수 있습니다.", code="NOT_COMPETENT_DEPARTMENT")
    status = lifecycle.expect(Action.ANSWER, case.status)
    moment = now()
    text = {"text": body.text, "handler_department": who.department, "handler_name": body.handler.name,
            "handler_contact": body.handler.contact, "remedies": REMEDIES, "at": moment.isoformat()}
    sets: dict[str, Any] = {"status": status.value, "answer": text, "notices": int(case.notices or 0) + 1}
    clock = clocks.read(case)
    if clock is not None and clock.state != "stopped":
        sets["clock"] = clock.stop(at=moment, by=who.employee_no or "", reason="부서 답변").model_dump_json()
    stored.change(case, sets, alarm=None)
    _notify(case, "민원 답변", text)
    return get(case_id)


def close(who: Caller, case_id: str) -> Any:
    """Closed once decided or answered; a repeated petition (§23) also straight from its receipt, its clock stopped
    and the reporter told why."""
    case = handler(who, case_id)
    repeated = lifecycle.expect_close(case.status, repeats=int(case.repeats or 0), notices=int(case.notices or 0))
    moment = now()
    sets: dict[str, Any] = {"status": lifecycle.Status.CLOSED.value, "closed_at": moment.isoformat()}
    # the reporter's item, if there is one, listed for the retention job
    erase: Any = False if case.anonymous or case.reporter_erased_at else retention.erase_at(moment)
    if not repeated:
        stored.change(case, sets, erase_reporter_at=erase)
        return get(case_id)
    clock = clocks.read(case)
    if clock is not None and clock.state != "stopped":
        stopped = clock.stop(at=moment, by=who.employee_no or "", reason="반복 민원 종결")
        sets["clock"] = stopped.model_dump_json()
    notice = stored.message(case.case_id, uuid4().hex[:12], at=moment.isoformat(), sender="office",
                            by=who.employee_no,
                            text="같은 내용의 민원을 세 번 이상 제출하셨고 두 번 이상 답변드렸으므로, "
                                 "민원처리법 제23조에 따라 더 조사하지 않고 종결합니다. " + REMEDIES)
    stored.change(case, sets, alarm=None, puts=[notice], erase_reporter_at=erase)
    return get(case_id)


def reopen(who: Caller, case_id: str, reason: str) -> Any:
    """A repeated report reopens a closed case: the audit office must investigate it (no reroute)."""
    case = handler(who, case_id)
    status = lifecycle.expect(Action.REOPEN, case.status)
    moment = now()
    sets: dict[str, Any] = {"status": status.value, "repeats": int(case.repeats or 0) + 1, "closed_at": None,
                            "received_at": moment.isoformat(), "rerouted_to": None}
    alarm: Any = False
    if not case.anonymous and case.petition_type:
        clock, alarm = clocks.start(rules().periods.of(PetitionType(case.petition_type)), at=moment,
                                    by=who.employee_no or "", reason=f"반복 신고로 재개: {reason}")
        sets["clock"] = clock.model_dump_json()
    stored.change(case, sets, alarm=alarm, unlist=case.rerouted_to is not None,
                  erase_reporter_at=False if case.anonymous or case.reporter_erased_at else None)
    return get(case_id)


def _notify(case: Any, subject: str, content: dict[str, Any]) -> None:
    """A result or an answer, naming its handler (시행령 §31) and the remedies."""
    _send(case, subject, f"{content['text']}\n담당: {content['handler_department']} {content['handler_name']} "
                         f"({content['handler_contact']})\n{content['remedies']}")


def _send(case: Any, subject: str, text: str) -> None:
    """The notice through the port, to the contact the reporter gave (decrypted here only; never logged)."""
    if case.anonymous:
        return
    reporter = stored.get_reporter(case.case_id)
    if reporter is None or not (reporter.email or reporter.phone):
        return
    email = decrypt_field(reporter.email, record=record(case.case_id), field="email") if reporter.email else None
    phone = decrypt_field(reporter.phone, record=record(case.case_id), field="phone") if reporter.phone else None
    notifications.send(notifications.Notice(email=email, phone=phone, subject=subject, text=text))


def clock_of(case: Any) -> CaseClock | None:
    return clocks.read(case)
