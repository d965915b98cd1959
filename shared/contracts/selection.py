"""Events of `jeokgeuk.selection` (적극행정 우수공무원 선발). Cycle ids, employee numbers, departments and codes only:
never a resident (nominators and voters are not in any event), never a nomination's text or a ballot."""

from datetime import date
from typing import ClassVar

from common.events import Event


class _SelectionEvent(Event):
    area: ClassVar[str] = "selection"


class SelectionPhaseChanged(_SelectionEvent):
    """A cycle moved to its next phase: on its dates (the daily job), by the dedicated unit with a reason (kept on
    the cycle, not here), or by the committee's resolution."""

    cycle_id: str
    phase: str
    previous: str | None
    by: str  # `schedule`, `committee` or the unit member's employee number
    by_hand: bool


class _DeadlineEvent(_SelectionEvent):
    """A cycle's incentives requested of HR and not all granted, or a seconded awardee's home body not yet notified
    (운영규정 §20), near or passed their period (`period` says which)."""

    cycle_id: str
    period: str  # the county file's clock.periods name (selection_incentive_grant, selection_home_body_notice)
    due_at: str  # ISO 8601 (+09:00)
    offices: list[str]  # the roles that act (selection.hr)
    pending: list[str]  # employee numbers whose incentives are not granted yet


class SelectionDeadlineApproaching(_DeadlineEvent):
    pass


class SelectionDeadlineMissed(_DeadlineEvent):
    pass


class ExcellentOfficialSelected(_SelectionEvent):
    """The committee selected this official in this cycle with this tier: one event per awardee (mileage drafts a
    bonus proposal from it)."""

    selection_id: str  # `<cycle id>:<employee no>`: one per awardee and cycle
    cycle_id: str
    employee_no: str
    department: str | None
    tier: str
    resolved_on: date


class ExcellentDepartmentSelected(_SelectionEvent):
    """The committee gave this department's case a tier of the excellent-case / excellent-department award (우수사례·
    우수부서): one event per awarded department case; the prize is the county's for that tier."""

    award_id: str  # `<cycle id>:<department nomination id>`: one per awarded case and cycle
    cycle_id: str
    department: str
    tier: str
    prize_won: int
    resolved_on: date
