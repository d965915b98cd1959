"""A signed-in resident's own reports (GET /complaints/mine) and their withdrawal (ResidentWithdrawn). The link is
the keyed MAC of the resident's sign-in id (`clients.links`) on the reporter's item, which no case view reads: the
office never sees which reports share a reporter, and only this code, with the key in KMS, can find a resident's."""

from __future__ import annotations

from common.errors import Forbidden
from common.events import EventEnvelope
from common.identity import Caller, Role
from common.observability import logger
from complaints import clocks
from complaints.clients import links
from complaints.models import MyReportOut, MyReportsOut
from complaints.rules import lifecycle
from complaints.storage import cases as stored
from contracts.residents import ResidentWithdrawn


def mine(who: Caller, *, limit: int, token: str | None) -> MyReportsOut:
    """A page of the resident's reports, newest first (`next_token`: the next page's, while there is one)."""
    if who.is_staff or not who.has(Role.RESIDENT):
        raise Forbidden("주민 로그인으로만 볼 수 있습니다.", code="RESIDENT_ONLY")
    page = stored.linked_page(links.link(who.subject), limit, token)
    return MyReportsOut(items=[_out(case) for case in stored.cases(page.items)], next_token=page.next_token)


def _out(case: object) -> MyReportOut:
    status = lifecycle.Status(case.status)
    due = clocks.shown(case)["due_at"]
    return MyReportOut(receipt_no=case.receipt_no, status=status.value, status_label=lifecycle.STATUS_LABELS_KO[status],
                       created_at=case.created_at, received_at=case.received_at, due_day=due[:10] if due else None,
                       rerouted_to=case.rerouted_to)


def forget_resident(envelope: EventEnvelope) -> None:
    """ResidentWithdrawn → each of their reports unlinked from them (the case and its reporter's contact stay for
    the handling, until the case's retention erases them)."""
    if envelope.detail_type != ResidentWithdrawn.detail_type():
        return
    withdrawn = ResidentWithdrawn.of(envelope)
    case_ids = stored.linked(links.link(withdrawn.resident_id))
    for case_id in case_ids:
        stored.unlink(case_id)
    logger.info("complaints unlinked from a withdrawn resident", extra={"count": len(case_ids)})
