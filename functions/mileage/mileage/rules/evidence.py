"""What evidence a grant may cite (which files may be uploaded: `common.evidence`). No I/O."""

from __future__ import annotations

from common.errors import RuleViolation


def check_cited(*, item_code: str, links: list[str], keys: list[str], department: str | None,
                required: bool) -> None:
    """The evidence a grant cites: some when the item requires it, https links, and keys of the grantor's department's
    uploads (whether those files exist is for the bucket to say)."""
    if required and not (links or keys):
        raise RuleViolation("이 항목은 증빙(링크 또는 파일)이 필요합니다.", code="EVIDENCE_REQUIRED",
                            details={"item_code": item_code})
    for link in links:
        if not link.startswith("https://"):
            raise RuleViolation("증빙 링크는 https:// 로 시작해야 합니다.", code="EVIDENCE_INVALID",
                                details={"link": link})
    prefix = f"evidence/{department}/"
    for key in keys:
        if not key.startswith(prefix) or ".." in key:
            raise RuleViolation("올린 증빙 파일의 키가 아닙니다.", code="EVIDENCE_INVALID", details={"key": key})
