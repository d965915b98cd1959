"""면책 신청: an official applies after an audit ends, stating the three criteria and the opinions they acted on; the
file shows every registered opinion on the same matter with the presumption each carries; the county's body decides
(the audit head, or a 면책심의회 with its resolution), notified by event and listed in its quarter's report to the
Board of Audit and Inspection; the committee may be asked to recommend the exemption to an upper auditor; the
protection officer keeps a counselling log only they and the applicant read."""

from __future__ import annotations

import csv
import io
from typing import Any
from uuid import uuid4

from common import deadlines
from common.clock import now, today
from common.county import county
from common.errors import Forbidden, RuleViolation
from common.identity import Caller
from common.offices import Duty
from common.statutory import CaseClock
from consulting import cases, evidence
from consulting.models import (
    CounselIn,
    CounselOut,
    DecisionIn,
    ExemptionIn,
    ExemptionOut,
    PresumptionOut,
    QuarterReport,
    QuarterRow,
)
from consulting.rules import clocks
from consulting.rules import exemption as rules
from consulting.rules.lifecycle import Move
from consulting.rules.matter import matter_code
from consulting.rules.offices import may, require, roles, section
from consulting.rules.presumptions import Application, Opinion, presumption
from consulting.storage import cases as stored
from consulting.storage import opinions as registry
from consulting.storage.items import CaseItem, CounselItem, DecisionItem, ReportItem
from contracts.committee import CommitteeItemRequested, CommitteeResolved, ItemKind, StaffParty
from contracts.consulting import ExemptionDecided, ExemptionRecommended

KIND = "exemption"
MATCHES_SHOWN = 50  # the newest registered opinions on the matter a file shows


def file(who: Caller, body: ExemptionIn) -> CaseItem:
    department = cases.department_of(who)
    criteria = rules.criteria_stated(dict(body.criteria))
    rules.after_the_audit(body.audit_ended_on, today())
    code = matter_code(body.matter_code)
    unknown = [o for o in dict.fromkeys(body.opinion_ids) if registry.get(o) is None]
    if unknown:
        raise RuleViolation("등록되지 않은 의견입니다.", code="OPINION_NOT_FOUND", details={"opinion_ids": unknown})
    moment = now()
    details = {"audit_ref": body.audit_ref, "audit_ended_on": body.audit_ended_on.isoformat(),
               "act_summary": body.act_summary, "criteria": {c.value: t for c, t in criteria.items()},
               "serious_procedural_defect": body.serious_procedural_defect,
               "opinion_ids": list(dict.fromkeys(body.opinion_ids))}
    case = CaseItem.new(cases.new_id(KIND), kind=KIND, department=department, filed_at=moment.isoformat(),
                        requester=cases.by(who), status="FILED", title=f"면책 신청: {body.audit_ref}"[:200],
                        matter_code=code, documents=evidence.cited(department, body.documents),
                        private_interest=body.private_interest, information_complete=True, details=details)
    return cases.file(case, None, [])


def read(who: Caller, case_id: str) -> ExemptionOut:
    return view(cases.read(who, case_id, KIND))


def view(case: CaseItem) -> ExemptionOut:
    details: dict[str, Any] = case.details or {}
    application = Application(case.matter_code, case.private_interest, bool(details.get("serious_procedural_defect")))
    cited = set(details.get("opinion_ids") or [])
    found = {o.opinion_id: o for o in registry.on_matter(case.matter_code, MATCHES_SHOWN, None).items}
    for opinion_id in cited - set(found):  # a cited opinion on another matter: shown, and why it presumes nothing
        if (other := registry.get(opinion_id)) is not None:
            found[opinion_id] = other
    shown = []
    for opinion in found.values():
        p = presumption(application, Opinion(opinion.opinion_id, opinion.matter_code, opinion.information_complete,
                                              opinion.private_interest))
        shown.append(PresumptionOut(opinion_id=opinion.opinion_id, issued_on=opinion.issued_on,
                                    issued_by=opinion.issued_by, department=opinion.department,
                                    cited=opinion.opinion_id in cited, presumed_exempt=p.presumed_exempt,
                                    no_gross_negligence_presumed=p.no_gross_negligence_presumed,
                                    reasons=list(p.reasons)))
    if not shown:
        p = presumption(application, None)
        shown.append(PresumptionOut(opinion_id=None, cited=False, presumed_exempt=False,
                                    no_gross_negligence_presumed=p.no_gross_negligence_presumed,
                                    reasons=list(p.reasons)))
    return ExemptionOut(case=cases.view(case), audit_ref=details.get("audit_ref"),
                        audit_ended_on=details.get("audit_ended_on"), act_summary=details.get("act_summary"),
                        criteria=details.get("criteria"),
                        serious_procedural_defect=details.get("serious_procedural_defect"),
                        decision=case.decision, decided_on=case.decided_on, recommendation=case.recommendation,
                        presumptions=shown)


def decide(who: Caller, case_id: str, body: DecisionIn) -> ExemptionOut:
    """The county's deciding body (offices `consulting.exemption`; a board records its resolution)."""
    case = cases.for_office(who, case_id, KIND, Duty.CONSULTING_EXEMPTION)
    body_kind = section().exemption_deciding_body
    move = rules.decide(case.status, exempt=body.decision == "EXEMPT", deciding_body=body_kind,
                        board_resolution=body.board_resolution)
    day = today()
    quarter = rules.quarter(day)
    details = case.details or {}
    entry = DecisionItem.of(case.case_id, quarter=quarter, decided_on=day.isoformat(), decision=move.after,
                            deciding_body=body_kind, board_resolution=body.board_resolution, applicant=case.requester,
                            department=case.department, matter_code=case.matter_code,
                            audit_ref=str(details.get("audit_ref", "")))
    event = ExemptionDecided(exemption_id=case.case_id, applicant_employee_no=case.requester,
                             department=case.department, matter_code=case.matter_code, decision=move.after,
                             deciding_body=body_kind, decided_on=day, quarter=quarter)
    clock = report_clock(quarter)
    decided = cases.apply(who, case, "decide", move, reason="면책 결정", note=body.reasons,
                          changes={"decision": move.after, "decided_on": day.isoformat()}, events=[event.envelope()],
                          decision=entry, report=(ReportItem.of(quarter, clock=clock.model_dump_json()),
                                                  deadlines.first_alarm(clock, cases.office())))
    return view(decided)


def report_clock(quarter: str) -> CaseClock:
    """The quarter's report period (the county's `bai_quarterly_report`, 10 days) from the quarter's end."""
    return clocks.bai_quarterly_report(section(), county().clock, quarter=quarter,
                                       quarter_end=rules.quarter_end(quarter))


def request_recommendation(who: Caller, case_id: str) -> ExemptionOut:
    """면책 건의 (운영규정 §15⑦): on the request of the official, or of the county (the deciding office), the committee
    is asked to recommend the exemption to an upper auditor."""
    case = cases.get(case_id, KIND)
    if who.employee_no != case.requester and not may(who, Duty.CONSULTING_EXEMPTION):
        raise Forbidden("신청인 본인이나 면책 결정 부서만 면책 건의를 요청할 수 있습니다.", code="NOT_YOURS")
    state = rules.recommendation_move(case.recommendation, requested=True)
    details = case.details or {}
    item = CommitteeItemRequested(
        origin_area="consulting", origin_case_id=case.case_id, kind=ItemKind.EXEMPTION_RECOMMENDATION,
        title=f"면책 건의: {details.get('audit_ref', case.title)}"[:200],
        summary="\n".join(f"{rules.CRITERIA_LABELS_KO[rules.Criterion(k)]}: {v}"
                          for k, v in (details.get("criteria") or {}).items())[:4000],
        documents=list(case.documents or []), parties=[StaffParty(employee_no=case.requester,
                                                                  department=case.department)])
    moved = cases.apply(who, case, "request_recommendation", Move(case.status, case.status, None),
                        reason="면책 건의 요청", changes={"recommendation": state}, events=[item.envelope()])
    return view(moved)


def recommendation_resolved(case_id: str, event: CommitteeResolved) -> None:
    case = cases.get(case_id, KIND)
    passed = event.outcome == "passed"
    state = rules.recommendation_move(case.recommendation, passed=passed)
    published = [ExemptionRecommended(exemption_id=case.case_id, applicant_employee_no=case.requester,
                                      department=case.department, matter_code=case.matter_code,
                                      resolved_on=event.resolved_on).envelope()] if passed else []
    cases.apply(cases.SYSTEM, case, "recommendation_resolved", Move(case.status, case.status, None),
                reason="위원회 의결", actor="committee", note=f"{event.outcome} (회의 {event.meeting_id})",
                changes={"recommendation": state, **cases.committee_answer(event)}, events=published)


# -- the protection officer's counselling log (보호관): theirs and the applicant's only

def counsel(who: Caller, case_id: str, body: CounselIn) -> CounselOut:
    # the protection officer counsels anyone but themself (a colleague's file is no conflict of theirs)
    cases.for_office(who, case_id, KIND, Duty.CONSULTING_PROTECTION, own_department_barred=False)
    at = now().isoformat()
    entry = CounselItem.of(case_id, at=at, entry_id=uuid4().hex[:8], kind=body.kind,
                           held_on=body.held_on.isoformat(), note=body.note, by=cases.by(who))
    stored.add_counsel(entry)
    return _counsel_out(entry)


def counselling_log(who: Caller, case_id: str) -> list[CounselOut]:
    case = cases.get(case_id, KIND)
    if not may(who, Duty.CONSULTING_PROTECTION) and who.employee_no != case.requester:
        raise Forbidden("상담 기록은 보호관과 신청인만 볼 수 있습니다.", code="PROTECTION_LOG_PRIVATE",
                        details={"required_roles": [r.value for r in roles(Duty.CONSULTING_PROTECTION)]})
    return [_counsel_out(e) for e in stored.counsel_of(case_id)]


def _counsel_out(entry: CounselItem) -> CounselOut:
    return CounselOut(kind=entry.kind, held_on=entry.held_on, note=entry.note, by=entry.by, at=entry.at)


# -- the quarterly report to the Board of Audit and Inspection

def quarterly_report(who: Caller, quarter: str) -> QuarterReport:
    """A quarter's decisions (one index query) and the report's due day (the county's period from the quarter's
    end, counted by the shared clock)."""
    who.require(*dict.fromkeys([*roles(Duty.CONSULTING_EXEMPTION), *roles(Duty.CONSULTING_SCREENING)]))
    report = stored.get_report(quarter)
    clock = CaseClock.stored(report.clock) if report else report_clock(quarter)
    rows = [QuarterRow(exemption_id=d.case_id, applicant=d.applicant, department=d.department,
                       matter_code=d.matter_code, audit_ref=d.audit_ref, decision=d.decision,
                       decided_on=d.decided_on, deciding_body=d.deciding_body, board_resolution=d.board_resolution)
            for d in stored.decisions_in(quarter)]
    return QuarterReport(quarter=quarter, due_day=clock.due_day(cases.statutory_time()), rows=rows,
                         submitted_at=report.submitted_at if report else None,
                         submitted_by=report.submitted_by if report else None)


def submit_report(who: Caller, quarter: str) -> QuarterReport:
    """The quarter's report sent to the Board of Audit and Inspection: once, after the quarter ends; its clock
    stops (late is recorded by the clock: submitted after its due time)."""
    require(who, Duty.CONSULTING_EXEMPTION)
    moment = now()
    if moment < rules.quarter_end(quarter):
        raise RuleViolation("분기가 끝난 뒤에 보고할 수 있습니다.", code="QUARTER_NOT_ENDED")
    report = stored.get_report(quarter)
    clock = CaseClock.stored(report.clock) if report else report_clock(quarter)
    if clock.state == "stopped":
        raise stored.report_submitted()
    stopped = clock.stop(at=moment, by=cases.by(who), reason="감사원 보고")
    stored.submit_report(ReportItem.of(quarter, clock=stopped.model_dump_json(), submitted_at=moment.isoformat(),
                                       submitted_by=cases.by(who)), existed=report is not None)
    return quarterly_report(who, quarter)


CSV_HEADER = ["면책 신청 ID", "신청인 사번", "부서", "사안 코드", "감사", "결정", "결정일", "결정 기관",
              "면책심의회 의결"]


def to_csv(report: QuarterReport) -> str:
    """The report as CSV (UTF-8 with BOM, so a spreadsheet opens the Korean): one row per decision."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_rows(report))
    return "\ufeff" + out.getvalue()


def _rows(report: QuarterReport) -> list[list[str]]:
    return [[row.exemption_id, row.applicant, row.department, row.matter_code, _cell(row.audit_ref), row.decision,
             row.decided_on.isoformat(), row.deciding_body, _cell(row.board_resolution or "")] for row in report.rows]


def to_xlsx(report: QuarterReport) -> bytes:
    """The report as a workbook: one sheet, the header bold and frozen, the due day noted below the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = report.quarter
    sheet.append(CSV_HEADER)
    for row in _rows(report):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.append([])
    sheet.append(["감사원 보고 기한", report.due_day.isoformat()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet cannot read as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
