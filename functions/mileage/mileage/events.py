"""What mileage's events carry (`detail` data): identifiers and numbers only — titles and descriptions are free text
and may name people. The detail types and their fields are listed in docs/events.md."""

from __future__ import annotations

from typing import Any


def grant_data(grant: Any, **extra: Any) -> dict[str, Any]:
    """MileageGranted / MileageApproved / MileageRejected / MileageReversed."""
    return {"grant_id": grant.grant_id, "group_id": grant.group_id, "employee_no": grant.employee_no,
            "department": grant.department, "grantor": grant.grantor, "item_code": grant.item_code,
            "points": int(grant.points), "act_date": grant.act_date, "partner_department": grant.partner_department,
            "status": grant.status, **extra}


def redemption_data(item: Any, **extra: Any) -> dict[str, Any]:
    """MileageRedemptionRequested / MileageRedeemed / MileageRedemptionFailed."""
    return {"redemption_id": item.redemption_id, "employee_no": item.employee_no, "reward_code": item.reward_code,
            "kind": item.kind, "points": int(item.points), "won": int(item.won) if item.won is not None else None,
            "days": item.days, "status": item.status, **extra}


def expired_data(*, employee_no: str, department: str | None, year: int, carry_over_years: int, points: int,
                 balance_after: int) -> dict[str, Any]:
    """MileageExpired: the points of years up to `credited_up_to` that lapsed at the start of `year`."""
    return {"employee_no": employee_no, "department": department, "year": year,
            "credited_up_to": year - 1 - carry_over_years, "points": points, "balance_after": balance_after}
