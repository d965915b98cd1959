"""The county's offices as the roster gives them: who holds which, what each does here, and what is missing.

Pure: the holders come from the offices' entries (`storage.offices`) or, for an import, from the staff records as
the import's plan leaves them; the warnings are `common.offices.unheld_warnings` over the county's mapping.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from common.identity import Role
from common.offices import OfficesSection, OfficeWarning, unheld_warnings
from directory.rules.records import Plan, Staff, held_offices


def holders_of(staff: Iterable[Staff]) -> dict[Role, list[str]]:
    """Office → employee numbers of its active holders."""
    holders: dict[Role, list[str]] = defaultdict(list)
    for person in staff:
        for office in sorted(held_offices(person)):
            holders[Role(office)].append(person.employee_no)
    return dict(holders)


def after(staff: Iterable[Staff], plan: Plan) -> list[Staff]:
    """The staff records as they will be once `plan` is committed."""
    records = {person.employee_no: person for person in staff}
    for unit in plan.units:
        for change in unit.staff:
            records[change.after.employee_no] = change.after
    return list(records.values())


def warnings_after(section: OfficesSection, staff: Iterable[Staff], plan: Plan) -> list[OfficeWarning]:
    """What the roster leaves unheld once the plan is committed (an import's answer, its dry run included)."""
    return unheld_warnings(section, holders_of(after(staff, plan)))
