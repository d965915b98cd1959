"""A plan's units: what one transaction holds, and how units are packed into transactions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from directory.rules import plans, records
from tests.unit.directory.examples import DEPTS, SEO


def test_transactions_never_split_a_unit():
    change = records.StaffChange(SEO, replace(SEO, grade=7), "changed", ("grade",))
    units = [records.Unit(staff=[change]) for _ in range(70)]
    batches = records.pack(units)
    assert [len(b) for b in batches] == [33, 33, 4]
    assert all(sum(u.size for u in b) <= 100 for b in batches)


def test_a_unit_counts_department_history_and_committee_entries():
    member = replace(SEO, roles=("committee",), committee_term_start=date(2026, 1, 1),
                     committee_term_end=date(2027, 12, 31))
    joins_committee = records.StaffChange(SEO, member, "changed", ("roles",))
    dept_change = records.DepartmentChange(DEPTS[0], replace(DEPTS[0], head_employee_no=None))
    assert joins_committee.committee_write == "put"
    assert records.StaffChange(member, replace(member, grade=7), "changed", ("grade",)).committee_write is None
    assert records.StaffChange(member, plans.leave(member), "left", ("active",)).committee_write == "delete"
    # department + its history, staff + history + outbox + committee entry
    assert records.Unit(departments=[dept_change], staff=[joins_committee]).size == 2 + 4
