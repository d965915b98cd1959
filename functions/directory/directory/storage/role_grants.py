"""Reading the records of powerful role grants (written with the role change they record: `storage.changes`)."""

from __future__ import annotations

from common.dynamo import Page, must_find, query_page
from common.errors import NotFound
from directory.rules.records import RoleGrant
from directory.storage.items import ROLEGRANTS, ROLEGRANTS_PENDING, RoleGrantItem


def get_role_grant(grant_id: str) -> RoleGrant:
    missing = NotFound("역할 부여 기록을 찾을 수 없습니다.", code="GRANT_NOT_FOUND")
    return must_find(RoleGrantItem, *RoleGrantItem.key(grant_id), missing).domain()


def role_grants(*, pending_only: bool, limit: int, token: str | None) -> Page:
    """Newest first, one index page (all grants, or only those waiting for a second administrator)."""
    source, key = (RoleGrantItem.pending, ROLEGRANTS_PENDING) if pending_only else (RoleGrantItem.listed, ROLEGRANTS)
    page = query_page(source, key, token, limit=limit, scan_index_forward=False)
    return Page([item.domain() for item in page.items], page.next_token)
