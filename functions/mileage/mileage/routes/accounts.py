"""Balances and ledgers: one's own; a department head's department; the audit unit and the panel everything."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import DepartmentCode, EmployeeNo
from mileage import accounts
from mileage.models import AccountOut, AccountPage, LedgerPage

router = APIGatewayHttpRouter()


@router.get("/mileage/accounts/<employee_no>", summary="잔액 (한 번의 조회)")
def get_account(employee_no: EmployeeNo) -> AccountOut:
    return accounts.read_account(current_caller(router), employee_no)


@router.get("/mileage/accounts/<employee_no>/ledger", summary="적립·사용 내역 (최신순)")
def get_ledger(employee_no: EmployeeNo, limit: Annotated[int, Query(ge=1, le=100)] = 50,
               next_token: Annotated[str | None, Query()] = None) -> LedgerPage:
    items, token = accounts.read_ledger(current_caller(router), employee_no, limit, next_token)
    return LedgerPage(items=items, next_token=token)


@router.get("/mileage/departments/<department>/accounts", summary="부서 직원들의 잔액")
def department_accounts(department: DepartmentCode, limit: Annotated[int, Query(ge=1, le=100)] = 50,
                        next_token: Annotated[str | None, Query()] = None) -> AccountPage:
    items, token = accounts.department_accounts(current_caller(router), department, limit, next_token)
    return AccountPage(items=items, next_token=token)
