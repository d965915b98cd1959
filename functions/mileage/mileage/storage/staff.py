"""The staff projection and department heads: mileage's copy of what it needs from the directory."""

from __future__ import annotations

from pynamodb.exceptions import DeleteError

from common.dynamo import TransactionCancelled
from mileage.storage.items import ALL_ACCOUNTS, Balance, DepartmentHead, Staff
from mileage.storage.table import Key, get_item, transaction


def get_staff(employee_no: str) -> Staff | None:
    return get_item(Staff, Staff.key(employee_no), "META")


def staff_key(employee_no: str) -> Key:
    return Staff, Staff.key(employee_no), "META"


def department_has_role(department: str, role: str) -> bool:
    """Whether an active member of `department` holds `role` (the department's staff, from its index)."""
    members = Staff.of_department.query(Staff.department_key(department),
                                        filter_condition=(Staff.active == True) & Staff.roles.contains(role))  # noqa: E712
    return next(iter(members), None) is not None


def get_department_head(department: str) -> DepartmentHead | None:
    return get_item(DepartmentHead, DepartmentHead.key(department), "HEAD")


def head_key(department: str) -> Key:
    return DepartmentHead, DepartmentHead.key(department), "HEAD"


def save_staff(staff: Staff) -> bool:
    """Upsert the projection unless the stored copy is newer; also open the staff's account (balance 0) and keep its
    department index in step. False when the event was older than what is stored."""
    tx = transaction()
    tx.put(staff, condition=Staff.occurred_at.does_not_exist() | (Staff.occurred_at <= staff.occurred_at),
           label="staff")
    actions = [Balance.employee_no.set(staff.employee_no), Balance.balance.set(Balance.balance | 0),
               Balance.held.set(Balance.held | 0), Balance.version.set(Balance.version | 0),
               Balance.gsi2pk.set(ALL_ACCOUNTS), Balance.gsi2sk.set(staff.employee_no)]
    if staff.department:
        actions += [Balance.department.set(staff.department),
                    Balance.gsi1pk.set(Balance.department_key(staff.department)),
                    Balance.gsi1sk.set(staff.employee_no)]
    tx.update(Balance.of(staff.employee_no), actions=actions, label="balance")
    try:
        tx.commit()
    except TransactionCancelled as error:
        if "staff" in error.labels:
            return False
        raise
    return True


def save_department_head(department: str, employee_no: str, occurred_at: str) -> None:
    DepartmentHead.of(department, employee_no=employee_no, occurred_at=occurred_at).save()


def remove_department_head(department: str, employee_no: str) -> None:
    """Forget the head of `department` if it is still `employee_no` (a newer head stays)."""
    try:
        DepartmentHead.of(department).delete(condition=DepartmentHead.employee_no == employee_no)
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
