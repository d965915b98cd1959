"""Draft proposals drafted from other areas' events."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import PutError

from common.dynamo import Page, Transaction, query_page
from mileage.storage.items import Proposal
from mileage.storage.table import Key, get_item


def get_proposal(proposal_id: str) -> Proposal | None:
    return get_item(Proposal, Proposal.key(proposal_id), "META")


def proposal_key(proposal_id: str) -> Key:
    return Proposal, Proposal.key(proposal_id), "META"


def proposals_by_status(status: str, limit: int, token: str | None, *, office: bool = False) -> Page:
    """Every department's proposals in `status` (`office`: the drafts routed to an office instead, deductions)."""
    return query_page(Proposal.by_status, Proposal.status_key(status, office=office), token, scan_index_forward=False,
                      limit=limit)


def proposals_of_department(department: str, status: str, limit: int, token: str | None) -> Page:
    return query_page(Proposal.by_department, Proposal.department_key(department), token,
                      range_key_condition=Proposal.gsi2sk.startswith(f"{status}#"), scan_index_forward=False,
                      limit=limit)


def save_proposal(proposal: Proposal) -> bool:
    """Write a new draft; False when a proposal with its id exists already (a replayed event)."""
    try:
        proposal.save(condition=Proposal.pk.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def decide(tx: Transaction, item: Proposal, status: str, **values: Any) -> None:
    """DRAFT → `status` (CONFIRMED | DISMISSED) with `values` (grant_id, reason, decided_by, decided_at)."""
    actions = [*item.status_actions(status), *(getattr(Proposal, name).set(value) for name, value in values.items())]
    tx.update(Proposal(item.pk, "META"), actions=actions, condition=Proposal.status == "DRAFT", label="proposal")
