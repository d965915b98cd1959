"""A whistleblower's report (공익신고자 보호법): a report with corruption or public-interest content is flagged, which
tightens who may reveal the reporter (`complaints.reveal_whistleblower`) and starts the two years in which a
disadvantage to the reporter is presumed retaliation (§23). The flag is one-way: once set (by the reporter or the
audit office) nobody clears it."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from common.errors import RuleViolation

RETALIATION_PRESUMED_YEARS = 2  # the law's, not the county's


def protected_until(flagged_on: date) -> date:
    year = flagged_on.year + RETALIATION_PRESUMED_YEARS
    return date(year, flagged_on.month, min(flagged_on.day, monthrange(year, flagged_on.month)[1]))


def check_flag(current: bool, requested: bool | None) -> bool:
    """Whether the case is to be flagged now (False: nothing changes)."""
    if requested is False and current:
        raise RuleViolation("공익신고 표시는 지울 수 없습니다 (신고자 보호).", code="WHISTLEBLOWER_FLAG_KEPT")
    return bool(requested) and not current
