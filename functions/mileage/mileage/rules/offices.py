"""Who acts for the county in mileage: the offices the county file maps to mileage's duties (`common.offices`).

Approval, rejection and reversal are the approver office's (the audit office in Jung-gu, the dedicated unit in
Goseong); the evaluation panel reviews each department's use; HR executes leave and cash; the audit office confirms
passive-administration deductions. Those who oversee (approver and panel) read every department.
"""

from __future__ import annotations

from common.county import county
from common.identity import Role
from common.offices import Duty


def approvers() -> tuple[Role, ...]:
    return county().offices.roles(Duty.MILEAGE_APPROVER)


def panel() -> tuple[Role, ...]:
    return county().offices.roles(Duty.MILEAGE_PANEL)


def overseers() -> tuple[Role, ...]:
    """Approver and panel: they read every department's grants, accounts and reviews."""
    return tuple(dict.fromkeys((*approvers(), *panel())))


def redemption_executors() -> tuple[Role, ...]:
    return county().offices.roles(Duty.MILEAGE_REDEMPTIONS)


def deduction_confirmers() -> tuple[Role, ...]:
    return county().offices.roles(Duty.MILEAGE_DEDUCTIONS)
