"""Draft proposals: another area's event (a pre-consultation requested, an excellent official selected …) drafts a
grant for the department head of the employee's department (`proposal_drafts.py`), who confirms it (→ an ordinary
grant, same rules) or dismisses it. A deduction (passive administration confirmed by the complaints area) is drafted
for the office the county maps to `mileage.deductions` (the audit office) instead: the head may be the liable
supervisor. Which events draft what is the county's `mileage.event_rules`.

    DRAFT → CONFIRMED (grant id; in the grant's own transaction) | DISMISSED (reason)
"""

from __future__ import annotations

from common.clock import now
from common.dynamo import Transaction, TransactionCancelled
from common.errors import Conflict, Forbidden, NotFound, RuleViolation
from common.identity import Caller, Role, role_labels
from mileage import deputies, grants, standing
from mileage.models import (
    ConfirmedProposal,
    ConfirmProposal,
    GrantRequest,
    ProposalOut,
    Recipient,
)
from mileage.rules import offices
from mileage.storage import proposals as stored
from mileage.storage.items import Grant, Proposal
from mileage.storage.staff import head_key
from mileage.storage.table import get_items, transaction

STATUSES = ("DRAFT", "CONFIRMED", "DISMISSED")


def proposal_out(item: Proposal) -> ProposalOut:
    return ProposalOut(**item.fields(*ProposalOut.model_fields))


# ------------------------------------------------------------------------------------------------ decisions
def _decidable(caller: Caller, proposal_id: str) -> Proposal:
    """The draft, once the caller may decide it — in the token and in mileage's projection now (one read): the head
    of its department, or for a deduction the office mapped to `mileage.deductions` (never about themself)."""
    item, me, head = get_items(stored.proposal_key(proposal_id), standing.me_key(caller),
                               head_key(caller.department or ""))
    if item is not None and item.for_office:
        confirmers = offices.deduction_confirmers()
        caller.require(*confirmers)
        standing.holding(caller, me, *confirmers)
        if item.employee_no == caller.employee_no:
            raise Forbidden("본인에 대한 감점은 처리할 수 없습니다.", code="OWN_EARNING")
    else:
        caller.require(Role.DEPT_HEAD)
        standing.heading(caller, me, head, caller.department or "")
        if item is None:
            raise NotFound("제안을 찾을 수 없습니다.", code="PROPOSAL_NOT_FOUND")
        caller.require_department(item.department)
    if item.status != "DRAFT":
        raise Conflict(f"이미 처리된 제안입니다 (현재 상태: {item.status}).", code="INVALID_STATE",
                       details={"status": item.status, "grant_id": item.grant_id})
    return item


def confirm(caller: Caller, proposal_id: str, request: ConfirmProposal) -> ConfirmedProposal:
    """The department head (or, for a deduction, the mapped office) turns the draft into a grant — every rule of an
    ordinary grant applies, and it still goes to the approver — and the proposal becomes CONFIRMED in the grant's own
    transaction (so a second confirm finds it confirmed, and a refused grant leaves it a draft)."""
    item = _decidable(caller, proposal_id)
    grant_request = GrantRequest(
        item_code=item.item_code, points=request.points if request.points is not None else int(item.points),
        act_title=request.act_title or item.act_title, act_description=request.act_description,
        act_date=request.act_date or item.act_date, act_ref=item.act_ref,
        recipients=[Recipient(employee_no=item.employee_no)], evidence_links=request.evidence_links,
        evidence_keys=request.evidence_keys)
    at = now().isoformat()

    def confirm_in(tx: Transaction, made: list[Grant]) -> None:
        stored.decide(tx, item, "CONFIRMED", grant_id=made[0].grant_id, decided_by=caller.employee_no or "",
                      decided_at=at)
        item.grant_id, item.decided_by, item.decided_at = made[0].grant_id, caller.employee_no, at

    grantor = deputies.Grantor(item.department, "office") if item.for_office else None
    created = grants.create_grants(caller, grant_request, also=confirm_in, grantor=grantor)
    return ConfirmedProposal(proposal=proposal_out(item), grant=created.grants[0])


def dismiss(caller: Caller, proposal_id: str, reason: str) -> ProposalOut:
    if len(reason.strip()) < 2:
        raise RuleViolation("기각 사유를 적어 주세요.", code="REASON_REQUIRED")
    item = _decidable(caller, proposal_id)
    at = now().isoformat()
    tx = transaction()
    stored.decide(tx, item, "DISMISSED", reason=reason, decided_by=caller.employee_no or "", decided_at=at)
    try:
        tx.commit()
    except TransactionCancelled as error:
        raise Conflict("이미 처리된 제안입니다.", code="INVALID_STATE") from error
    item.reason, item.decided_by, item.decided_at = reason, caller.employee_no, at
    return proposal_out(item)


# ------------------------------------------------------------------------------------------------ reads
def list_proposals(caller: Caller, *, status: str | None, department: str | None, queue: str = "departments",
                   limit: int, token: str | None) -> tuple[list[ProposalOut], str | None]:
    """A department head sees their department's proposals; the approver office every department's; the office
    mapped to `mileage.deductions` the deduction drafts (`queue=deductions`), which no department's list shows."""
    status = status or "DRAFT"
    if status not in STATUSES:
        raise RuleViolation("알 수 없는 상태입니다.", code="UNKNOWN_STATUS", details={"allowed": list(STATUSES)})
    if queue == "deductions":
        caller.require(*offices.deduction_confirmers())
        page = stored.proposals_by_status(status, limit, token, office=True)
        return [proposal_out(i) for i in page.items], page.next_token
    approvers = offices.approvers()
    if caller.has(*approvers) and department is None:
        page = stored.proposals_by_status(status, limit, token)
    elif caller.has(*approvers, Role.DEPT_HEAD):
        department = department or caller.department or ""
        caller.require_department(department, unless=approvers)
        page = stored.proposals_of_department(department, status, limit, token)
    else:
        raise Forbidden(f"제안 목록은 부서장과 {role_labels(approvers)}만 볼 수 있습니다.", code="ROLE_REQUIRED",
                        details={"required_roles": [Role.DEPT_HEAD.value, *(r.value for r in approvers)]})
    return [proposal_out(i) for i in page.items], page.next_token
