"""사후 추인: urgent disaster or safety work done without asking first goes to the committee with its three
requirements recorded (운영규정 §12②); the committee ratifies or not (where the personnel committee acts, it hears
experts first: the committee's own rule). The resolution comes back by event."""

from __future__ import annotations

import json

from common.clock import now
from common.identity import Caller
from consulting import cases, evidence
from consulting.models import RatificationIn
from consulting.rules.lifecycle import ratification_move
from consulting.rules.matter import matter_code
from consulting.rules.ratification import REQUIREMENT_LABELS_KO, requirements_met
from consulting.storage.items import CaseItem
from contracts.committee import CommitteeItemRequested, CommitteeResolved, ItemKind, StaffParty

KIND = "ratification"


def file(who: Caller, body: RatificationIn) -> CaseItem:
    department = cases.department_of(who)
    met = requirements_met(dict(body.requirements))
    moment = now()
    case_id = cases.new_id(KIND)
    statements = {r.value: text for r, text in met.items()}
    case = CaseItem.new(case_id, kind=KIND, department=department, filed_at=moment.isoformat(), status="ON_AGENDA",
                        requester=cases.by(who), title=body.title, matter_code=matter_code(body.matter_code),
                        own_review=body.work_done, documents=evidence.cited(department, body.documents),
                        requirements=json.dumps(statements, ensure_ascii=False), information_complete=True)
    summary = "\n".join([f"처리한 업무: {body.work_done}",
                         *(f"{REQUIREMENT_LABELS_KO[r]}: {text}" for r, text in met.items())])
    item = CommitteeItemRequested(origin_area="consulting", origin_case_id=case_id, kind=ItemKind.RATIFICATION,
                                  title=f"사후 추인: {body.title}"[:200], summary=summary[:4000],
                                  documents=list(case.documents), parties=[StaffParty(employee_no=case.requester,
                                                                                      department=department)])
    return cases.file(case, None, [item.envelope()])


def read(who: Caller, case_id: str) -> CaseItem:
    return cases.read(who, case_id, KIND)


def resolved(case_id: str, event: CommitteeResolved) -> None:
    case = cases.get(case_id, KIND)
    move = ratification_move(case.status, passed=event.outcome == "passed")
    cases.apply(cases.SYSTEM, case, "resolved", move, reason="위원회 의결", actor="committee",
                note=f"{event.outcome} (회의 {event.meeting_id}, {event.resolved_on})",
                changes={"outcome": move.after, **cases.committee_answer(event)})
