"""Mileage's events, built from the published models (`contracts.mileage`, listed in docs/events.md): identifiers and
numbers only — titles and descriptions are free text and may name people."""

from __future__ import annotations

from typing import Any, TypeVar

from contracts.mileage import (
    MileageApproved,
    MileageDeadlineApproaching,
    MileageDeadlineMissed,
    MileageExpired,
    MileageGranted,
    MileageRedeemed,
    MileageRedemptionFailed,
    MileageRedemptionRequested,
    MileageRejected,
    MileageReversed,
)

# each builder makes the published events of one family (the contracts' underscored bases stay theirs)
G = TypeVar("G", MileageGranted, MileageApproved, MileageRejected, MileageReversed)
R = TypeVar("R", MileageRedemptionRequested, MileageRedeemed, MileageRedemptionFailed)
D = TypeVar("D", MileageDeadlineApproaching, MileageDeadlineMissed)


def grant_event(model: type[G], grant: Any, **extra: Any) -> G:
    """MileageGranted / MileageApproved / MileageRejected / MileageReversed of `grant` (`extra` overrides)."""
    fields = {"grant_id": grant.grant_id, "group_id": grant.group_id, "employee_no": grant.employee_no,
              "department": grant.department, "grantor": grant.grantor, "item_code": grant.item_code,
              "points": int(grant.points), "act_date": grant.act_date, "partner_department": grant.partner_department,
              "status": grant.status}
    return model(**fields | extra)


def redemption_event(model: type[R], item: Any, **extra: Any) -> R:
    """MileageRedemptionRequested / MileageRedeemed / MileageRedemptionFailed of `item`."""
    fields = {"redemption_id": item.redemption_id, "employee_no": item.employee_no, "reward_code": item.reward_code,
              "kind": item.kind, "points": int(item.points), "won": int(item.won) if item.won is not None else None,
              "days": item.days, "status": item.status}
    return model(**fields | extra)


def expired(*, employee_no: str, department: str | None, year: int, carry_over_years: int, points: int,
            balance_after: int) -> MileageExpired:
    """MileageExpired: the points of years up to `credited_up_to` that lapsed at the start of `year`."""
    return MileageExpired(employee_no=employee_no, department=department, year=year,
                          credited_up_to=year - 1 - carry_over_years, points=points, balance_after=balance_after)


def deadline_event(model: type[D], item: Any, *, due_at: str, offices: list[str]) -> D:
    """MileageDeadlineApproaching / MileageDeadlineMissed of a redemption awaiting `offices`."""
    return model(redemption_id=item.redemption_id, employee_no=item.employee_no, kind=item.kind, due_at=due_at,
                 offices=offices)
