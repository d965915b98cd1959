"""Which points are whose, by the year they were credited: the FIFO arithmetic of an account's ledger.

Credits add a lot of their year. Spending, holds and deductions use the oldest lots first (a reversal its own
grant's lot first); a refund gives a failed redemption's hold back to the lots it was taken from; a positive entry
first pays off any debt a deduction or reversal left. Year-end expiry takes the oldest lots too, so replaying a
ledger also tells how much of one grant's lot lapsed. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Movement:
    kind: str  # CREDIT | REVERSAL | HOLD | SPEND | REFUND | EXPIRE
    delta: int
    reference: str  # GRANT#… / REDEEM#… / EXPIRE#…
    year: int


def movements(entries: Iterable[Any]) -> list[Movement]:
    """Ledger entries (oldest first) → movements; the year is the entry's (KST) year."""
    return [Movement(kind=e.kind, delta=int(e.delta), reference=e.reference, year=int(e.created_at[:4]))
            for e in entries]


@dataclass
class Lots:
    lots: list[list[Any]] = field(default_factory=list)  # [year, points, reference], kept in year order
    taken: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # hold → (year, points, lot ref)
    expired: dict[str, int] = field(default_factory=dict)  # lot reference → points that lapsed
    debt: int = 0

    @classmethod
    def replay(cls, moves: Iterable[Movement]) -> Lots:
        lots = cls()
        for move in moves:
            lots.apply(move)
        return lots

    def apply(self, move: Movement) -> None:
        if move.delta > 0:
            restored = self.taken.pop(move.reference, []) if move.kind == "REFUND" else []
            left = move.delta
            for year, points, reference in restored:
                part = min(points, left)
                if part:
                    self._add(year, part, reference)
                    left -= part
            if left:
                self._add(move.year, left, move.reference)
        elif move.delta < 0:
            got = self._take(-move.delta, move.reference if move.kind == "REVERSAL" else None)
            if move.kind == "HOLD":
                self.taken[move.reference] = got
            elif move.kind == "EXPIRE":
                for _, points, reference in got:
                    self.expired[reference] = self.expired.get(reference, 0) + points

    def unspent_by_year(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for year, points, _ in self.lots:
            out[year] = out.get(year, 0) + points
        return out

    def _add(self, year: int, points: int, reference: str) -> None:
        paid = min(self.debt, points)
        self.debt -= paid
        if points - paid:
            self.lots.append([year, points - paid, reference])
            self.lots.sort(key=lambda lot: lot[0])

    def _take(self, points: int, prefer: str | None) -> list[tuple[int, int, str]]:
        got: list[tuple[int, int, str]] = []
        order = sorted(self.lots, key=lambda lot: (lot[2] != prefer, lot[0])) if prefer else self.lots
        for lot in order:
            if not points:
                break
            used = min(lot[1], points)
            lot[1] -= used
            points -= used
            got.append((lot[0], used, lot[2]))
        self.lots[:] = [lot for lot in self.lots if lot[1] > 0]
        self.debt += points
        return got


def unspent_by_year(moves: Iterable[Movement]) -> dict[int, int]:
    """What is left of each year's credits after FIFO consumption: {credit year: points}."""
    return Lots.replay(moves).unspent_by_year()


def expiring(moves: Iterable[Movement], *, year: int, carry_over_years: int) -> int:
    """Points that expire at the start of `year`: those credited up to `year` − 1 − `carry_over_years`, unspent."""
    last = year - 1 - carry_over_years
    return sum(points for credit_year, points in unspent_by_year(moves).items() if credit_year <= last)


def lapsed(moves: Iterable[Movement], reference: str) -> int:
    """How many points of the lot credited by `reference` (a grant) the year-end expiry has taken."""
    return Lots.replay(moves).expired.get(reference, 0)
