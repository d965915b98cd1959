"""Events of `jeokgeuk.mileage`: grants and their decisions, redemptions, year-end expiry.

Identifiers, codes and numbers only — never act titles or descriptions (free text that may name people)."""

from typing import ClassVar, Literal

from common.events import Event


class _MileageEvent(Event):
    area: ClassVar[str] = "mileage"


class _GrantEvent(_MileageEvent):
    grant_id: str
    group_id: str
    employee_no: str
    department: str
    grantor: str
    item_code: str
    points: int
    act_date: str
    partner_department: str | None
    status: str


class MileageGranted(_GrantEvent):
    supersedes: str | None = None


class MileageApproved(_GrantEvent):
    decided_by: str | None


class MileageRejected(_GrantEvent):
    decided_by: str | None


class MileageReversed(_GrantEvent):
    decided_by: str | None


class _RedemptionEvent(_MileageEvent):
    redemption_id: str
    employee_no: str
    reward_code: str
    kind: Literal["voucher", "leave", "cash"]
    points: int
    won: int | None
    days: int | None
    status: str


class MileageRedemptionRequested(_RedemptionEvent):
    pass


class MileageRedeemed(_RedemptionEvent):
    voucher_issued: bool


class MileageRedemptionFailed(_RedemptionEvent):
    pass


class MileageExpired(_MileageEvent):
    employee_no: str
    department: str | None
    year: int
    credited_up_to: int
    points: int
    balance_after: int


class _DeadlineEvent(_MileageEvent):
    """A leave or cash redemption waiting for the office that executes it (county `offices`, mileage.redemptions)."""

    redemption_id: str
    employee_no: str
    kind: Literal["leave", "cash"]
    due_at: str  # ISO 8601 (+09:00): when the county's redemption_execution period expires
    offices: list[str]  # the roles that act (hr in the demo)


class MileageDeadlineApproaching(_DeadlineEvent):
    pass


class MileageDeadlineMissed(_DeadlineEvent):
    pass
