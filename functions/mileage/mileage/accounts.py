"""Reading balances and the ledger: an employee sees their own, a department head their department's, the approver
office and the panel (`rules.offices.overseers`) everything. A balance read is one GetItem (the balance item carries
its department)."""

from __future__ import annotations

from common.errors import Forbidden, NotFound
from common.identity import Caller, Role
from mileage.models import AccountOut, LedgerEntryOut
from mileage.rules import offices
from mileage.storage import accounts as stored
from mileage.storage.items import Balance


def account_out(item: Balance) -> AccountOut:
    return AccountOut(employee_no=item.employee_no, department=item.department, balance=int(item.balance),
                      held=int(item.held), version=int(item.version))


def _may_read(caller: Caller, employee_no: str, department: str | None) -> bool:
    return (caller.has(*offices.overseers()) or caller.employee_no == employee_no
            or (caller.has(Role.DEPT_HEAD) and department is not None and caller.department == department))


def read_account(caller: Caller, employee_no: str) -> AccountOut:
    item = stored.get_balance(employee_no)
    if item is None:
        if caller.has(*offices.overseers()) or caller.employee_no == employee_no:
            raise NotFound("마일리지 계정이 아직 없습니다.", code="ACCOUNT_NOT_FOUND")
        raise Forbidden("이 직원의 마일리지를 볼 권한이 없습니다.", code="NOT_YOURS")
    if not _may_read(caller, employee_no, item.department):
        raise Forbidden("이 직원의 마일리지를 볼 권한이 없습니다.", code="NOT_YOURS")
    return account_out(item)


def read_ledger(caller: Caller, employee_no: str, limit: int,
                token: str | None) -> tuple[list[LedgerEntryOut], str | None]:
    read_account(caller, employee_no)
    page = stored.ledger(employee_no, limit, token)
    return [LedgerEntryOut(entry_id=e.entry_id, kind=e.kind, delta=int(e.delta), held_delta=int(e.held_delta),
                           reference=e.reference, balance_after=int(e.balance_after), held_after=int(e.held_after),
                           created_at=e.created_at) for e in page.items], page.next_token


def department_accounts(caller: Caller, department: str, limit: int,
                        token: str | None) -> tuple[list[AccountOut], str | None]:
    overseers = offices.overseers()
    caller.require(Role.DEPT_HEAD, *overseers)
    caller.require_department(department, unless=overseers)
    page = stored.department_accounts(department, limit, token)
    return [account_out(i) for i in page.items], page.next_token
