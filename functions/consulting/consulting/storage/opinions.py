"""The opinion registry: opinions by key, and the opinions on one matter (one index query, never a scan)."""

from __future__ import annotations

from common.dynamo import Page, conditional, find, query_page
from common.errors import Conflict
from consulting.storage.items import OpinionItem


def get(opinion_id: str) -> OpinionItem | None:
    return find(OpinionItem, *OpinionItem.key(opinion_id))


def on_matter(matter_code: str, limit: int, token: str | None) -> Page:
    """A page of the opinions registered on `matter_code`, newest first."""
    return query_page(OpinionItem.by_matter, OpinionItem.matter_key(matter_code), token, scan_index_forward=False,
                      limit=limit)



def record_finding(opinion_id: str, *, information_complete: bool, private_interest: bool, finding: str) -> None:
    """What the audit office found afterwards: only ever losing a presumption (complete → incomplete, no private
    interest → one), conditional on the opinion existing."""
    actions = [OpinionItem.finding.set(finding)]
    if not information_complete:
        actions.append(OpinionItem.information_complete.set(False))
    if private_interest:
        actions.append(OpinionItem.private_interest.set(True))
    with conditional(Conflict("등록된 의견이 없습니다.", code="OPINION_NOT_FOUND")):
        OpinionItem(*OpinionItem.key(opinion_id)).update(actions=actions, condition=OpinionItem.pk.exists())
