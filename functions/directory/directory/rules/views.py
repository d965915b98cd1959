"""What a staff record shows: contacts only when asked for (decrypted through `reveal`)."""

from __future__ import annotations

from typing import Any

from directory.rules.records import Reveal, Staff


def staff_view(staff: Staff, *, with_contacts: bool, reveal: Reveal) -> dict[str, Any]:
    view: dict[str, Any] = {
        "employee_no": staff.employee_no, "name": staff.name, "department": staff.department, "grade": staff.grade,
        "employment_type": staff.employment_type, "team_leader": staff.team_leader, "active": staff.active,
        "roles": staff.groups, "committee_term_start": staff.committee_term_start,
        "committee_term_end": staff.committee_term_end, "version": staff.version, "updated_at": staff.updated_at,
        "seconded_from": staff.seconded_from,
    }
    if with_contacts:
        view["phone"] = reveal(staff.employee_no, "phone", staff.phone_enc) if staff.phone_enc else None
        view["email"] = reveal(staff.employee_no, "email", staff.email_enc) if staff.email_enc else None
    return view
