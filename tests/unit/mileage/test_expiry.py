"""Year-end expiry arithmetic: FIFO consumption of each year's credits, holds, refunds, reversals, deductions."""

from __future__ import annotations

import pytest

from mileage.rules.lots import Movement, expiring, lapsed, unspent_by_year


def m(kind: str, delta: int, year: int, reference: str = "-") -> Movement:
    return Movement(kind=kind, delta=delta, reference=reference, year=year)


def test_spending_uses_the_oldest_points_first():
    moves = [m("CREDIT", 10, 2025, "G1"), m("CREDIT", 6, 2026, "G2"), m("HOLD", -12, 2026, "R1")]
    assert unspent_by_year(moves) == {2026: 4}
    assert expiring(moves, year=2027, carry_over_years=0) == 4
    assert expiring(moves, year=2027, carry_over_years=1) == 0
    assert expiring(moves, year=2026, carry_over_years=0) == 0  # 2025's points were all spent


def test_a_refund_restores_the_points_to_the_years_the_hold_took_them_from():
    moves = [m("CREDIT", 5, 2025, "G1"), m("CREDIT", 5, 2026, "G2"), m("HOLD", -7, 2026, "R1"),
             m("REFUND", 7, 2026, "R1")]
    assert unspent_by_year(moves) == {2025: 5, 2026: 5}
    assert expiring(moves, year=2026, carry_over_years=0) == 5


def test_a_reversal_takes_its_own_grant_first_and_a_deduction_the_oldest():
    moves = [m("CREDIT", 4, 2025, "G1"), m("CREDIT", 6, 2026, "G2"), m("REVERSAL", -6, 2026, "G2")]
    assert unspent_by_year(moves) == {2025: 4}
    moves += [m("CREDIT", -5, 2026, "G3")]  # a deduction beyond what is left: 1 point of debt
    assert unspent_by_year(moves) == {}
    assert unspent_by_year([*moves, m("CREDIT", 3, 2026, "G4")]) == {2026: 2}  # the debt is paid first


@pytest.mark.parametrize(("carry", "expected"), [(0, 11), (1, 9), (2, 6), (3, 0)])
def test_carry_over_keeps_the_last_years(carry, expected):
    moves = [m("CREDIT", 6, 2024), m("CREDIT", 3, 2025), m("CREDIT", 2, 2026)]
    assert expiring(moves, year=2027, carry_over_years=carry) == expected


def test_expired_points_are_not_expired_again():
    moves = [m("CREDIT", 6, 2025), m("EXPIRE", -6, 2026, "EXPIRE#2026"), m("CREDIT", 2, 2026)]
    assert expiring(moves, year=2027, carry_over_years=0) == 2


def test_what_the_expiry_took_from_each_grant_is_known():
    moves = [m("CREDIT", 5, 2025, "G1"), m("CREDIT", 3, 2025, "G2"), m("HOLD", -4, 2025, "R1"),
             m("EXPIRE", -4, 2026, "EXPIRE#2026"), m("CREDIT", 5, 2026, "G3")]
    assert (lapsed(moves, "G1"), lapsed(moves, "G2"), lapsed(moves, "G3")) == (1, 3, 0)  # R1 spent 4 of G1 first
