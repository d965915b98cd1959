"""Consulting cases: filed (with the first alarm and the event, in one transaction), changed (conditional on the version
read, the alarm moved and the events written in the same transaction), listed by department or all (index queries),
and the alarms the daily job finds (`common.deadlines`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from common import deadlines
from common.dynamo import Page, Transaction, find, query_page
from common.errors import Conflict
from common.events import EventEnvelope
from consulting.storage.items import Alarm, CaseItem, CounselItem, DecisionItem, OpinionItem, ReportItem
from consulting.storage.table import transaction

BAI_REPORT = "bai_report"  # the alarm kind of a quarter's report


def changed() -> Conflict:
    """A fresh error each time (an instance raised again would carry every earlier traceback)."""
    return Conflict("다른 처리와 겹쳤습니다. 다시 조회한 뒤 시도해 주세요.", code="CASE_CHANGED")


def report_submitted() -> Conflict:
    return Conflict("이 분기의 감사원 보고를 이미 제출했습니다.", code="REPORT_SUBMITTED")


def get(case_id: str) -> CaseItem | None:
    return find(CaseItem, *CaseItem.key(case_id))


def file(case: CaseItem, alarm_at: datetime | None, events: Sequence[EventEnvelope] = ()) -> None:
    tx = transaction()
    tx.put(case, CaseItem.pk.does_not_exist(), label="case")
    _alarm(tx, case, alarm_at)
    for envelope in events:
        tx.event(envelope)
    tx.commit(failures={"case": Conflict("이미 있는 건입니다.", code="CASE_EXISTS")})


def change(case: CaseItem, changes: dict[str, Any], *, entry: dict[str, Any], alarm_at: datetime | bool | None,
           events: Sequence[EventEnvelope] = (), opinion: OpinionItem | None = None,
           acted: tuple[str, str, str] | None = None, decision: DecisionItem | None = None,
           report: tuple[ReportItem, datetime | None] | None = None) -> None:
    """Apply `changes` (attribute → value) to the case as read, with `entry` appended to its history; `alarm_at`: the
    case's next alarm (None: none any more; False: leave it as it is); `opinion`: a new opinion registered; `acted`:
    (opinion id, action, who) the action taken on a registered opinion."""
    actions = [getattr(CaseItem, name).set(value) for name, value in changes.items()]
    actions += [CaseItem.version.set(case.version + 1),
                CaseItem.history.set((CaseItem.history | []).append([json.dumps(entry, ensure_ascii=False)]))]
    tx = transaction()
    tx.update(CaseItem(*CaseItem.key(case.case_id)), actions, condition=CaseItem.version == case.version,
              label="case")
    if alarm_at is not False:
        _alarm(tx, case, alarm_at)
    if opinion is not None:
        tx.put(opinion, OpinionItem.pk.does_not_exist(), label="opinion")
    if decision is not None:
        tx.put(decision, DecisionItem.pk.does_not_exist(), label="case")
    if report is not None:  # the quarter's report, armed again (the same clock) with each decision in the quarter
        item, first = report
        tx.put(item, ReportItem.submitted_at.does_not_exist(), label="report")
        if first is not None:
            deadlines.arm(tx, Alarm.of(item.pk, case_kind=BAI_REPORT, case_id=item.quarter, at=first))
    if acted is not None:
        opinion_id, action, who = acted
        tx.update(OpinionItem(*OpinionItem.key(opinion_id)), [OpinionItem.acted.set(action),
                                                               OpinionItem.acted_by.set(who)],
                  condition=OpinionItem.acted.does_not_exist(), label="opinion")
    for envelope in events:
        tx.event(envelope)
    tx.commit(failures={"case": changed(), "opinion": changed(), "report": report_submitted()})


def _alarm(tx: Transaction, case: CaseItem, at: datetime | None) -> None:
    if at is None:
        deadlines.disarm(tx, Alarm, case.pk)
    else:
        deadlines.arm(tx, Alarm.of(case.pk, case_kind=case.kind, case_id=case.case_id, at=at))


def of_owner(kind: str, employee_no: str, limit: int, token: str | None) -> Page:
    """A page of an official's own cases of `kind` (exemptions), newest first (one index query)."""
    return query_page(CaseItem.of_department, CaseItem.owner_key(kind, employee_no), token, scan_index_forward=False,
                      limit=limit)


def of_department(kind: str, department: str, limit: int, token: str | None) -> Page:
    """A page of a department's cases of `kind`, newest first (one index query)."""
    return query_page(CaseItem.of_department, CaseItem.department_key(kind, department), token,
                      scan_index_forward=False, limit=limit)


def every(kind: str, limit: int, token: str | None) -> Page:
    """A page of every case of `kind`, newest first (one index query)."""
    return query_page(CaseItem.listed, CaseItem.all_key(kind), token, scan_index_forward=False, limit=limit)


def history(case: CaseItem) -> list[dict[str, Any]]:
    return [json.loads(entry) for entry in case.history or []]


def due_alarms(kind: str, moment: datetime) -> Iterator[Any]:
    return deadlines.due_alarms(Alarm, kind, moment)


def raise_alarm(alarm: Any, case: CaseItem | None, next_at: datetime | None, event: EventEnvelope | None) -> None:
    """The job's move of an alarm, with its event, conditional on the alarm as read and the case's version."""
    tx = transaction()
    deadlines.move(tx, alarm, next_at)
    if case is not None:
        tx.check(CaseItem(*CaseItem.key(case.case_id)), CaseItem.version == case.version, label="case")
    if event is not None:
        tx.event(event)
    tx.commit()


def add_counsel(entry: CounselItem) -> None:
    """The protection officer's log entry, beside its case (which must exist)."""
    tx = transaction()
    tx.check(CaseItem(*CaseItem.key(entry.pk.removeprefix("CASE#"))), CaseItem.pk.exists(), label="case")
    tx.put(entry, CounselItem.pk.does_not_exist())
    tx.commit(failures={"case": Conflict("건이 없습니다.", code="CASE_NOT_FOUND")})


def counsel_of(case_id: str) -> list[CounselItem]:
    return list(CounselItem.query(CaseItem.key(case_id)[0], CounselItem.sk.startswith(CounselItem.prefix())))


def decisions_in(quarter: str) -> list[DecisionItem]:
    """A quarter's exemption decisions, in order: one index query."""
    return list(DecisionItem.in_quarter.query(DecisionItem.quarter_key(quarter)))


def get_report(quarter: str) -> ReportItem | None:
    return find(ReportItem, *ReportItem.key(quarter))


def submit_report(report: ReportItem, *, existed: bool) -> None:
    """The quarter's report submitted, once: its clock stopped, its alarm gone (a quarter without decisions gets its
    record here)."""
    tx = transaction()
    condition = ReportItem.submitted_at.does_not_exist() if existed else ReportItem.pk.does_not_exist()
    tx.put(report, condition, label="report")
    deadlines.disarm(tx, Alarm, report.pk)
    tx.commit(failures={"report": report_submitted()})


def raise_report_alarm(alarm: Any, quarter: str, next_at: datetime | None, event: EventEnvelope | None) -> None:
    """The job's move of a report's alarm, with its event, only while the report is unsubmitted."""
    tx = transaction()
    deadlines.move(tx, alarm, next_at)
    tx.check(ReportItem(*ReportItem.key(quarter)), ReportItem.submitted_at.does_not_exist(), label="report")
    if event is not None:
        tx.event(event)
    tx.commit()
