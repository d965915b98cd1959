"""The review's tallies and flags, from plain grants (no table)."""

from __future__ import annotations

from types import SimpleNamespace

from mileage.rules.review import edges, flags, tally

LIMITS = SimpleNamespace(concentration_min_grants=2, concentration_percent=60, near_cap_percent=80)


def grant(employee_no: str, points: int, status: str = "APPROVED", department: str = "FIN",
          partner: str | None = None, grantor: str = "H1") -> SimpleNamespace:
    return SimpleNamespace(employee_no=employee_no, points=points, status=status, item_code="IDEA",
                           department=department, partner_department=partner, grantor=grantor)


def test_tally_counts_statuses_points_and_what_the_caps_hold():
    counted = tally([grant("E1", 5), grant("E1", 3, "SUBMITTED"), grant("E2", 2, "REJECTED")])
    assert (counted.grants, counted.approved, counted.decided, counted.approved_points) == (3, 1, 2, 5)
    assert counted.people["E1"] == [2, 5, 8] and counted.items["IDEA"] == [3, 10, 5]


def test_one_person_holding_most_of_the_approved_points_is_flagged():
    grants = [grant("E1", 9), grant("E2", 1)]
    [flag] = flags("FIN", tally(grants), edges(grants), (None, None), LIMITS)
    assert (flag.type, flag.employee_no, flag.percent) == ("concentration", "E1", 90.0)


def test_two_departments_naming_each_other_are_flagged_reciprocal():
    ours, theirs = grant("E1", 4, partner="TAX"), grant("T1", 6, department="TAX", partner="FIN", grantor="H2")
    found = flags("FIN", tally([ours]), edges([ours, theirs]), (None, None), LIMITS)
    assert [(f.type, f.with_department, f.points, f.grantors) for f in found] == [
        ("reciprocal", "TAX", 4, ["H1", "H2"])]


def test_points_near_a_cap_are_flagged_for_the_person_and_the_department():
    grants = [grant("E1", 9, "SUBMITTED")]
    found = flags("FIN", tally(grants), edges(grants), (10, 10), LIMITS)
    assert [(f.type, f.employee_no, f.percent) for f in found] == [("near_cap", "E1", 90.0), ("near_cap", None, 90.0)]
