"""What each schemathesis run did (spec × role): filled by the test, printed by conftest."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    spec: str
    role: str
    operations: int = 0
    requests: int = 0
    server_errors: int = 0
    violations: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


ROWS: list[Row] = []


def table() -> list[str]:
    lines = [f"{'spec':<10} {'role':<10} {'ops':>4} {'requests':>8} {'5xx':>4} {'schema':>6}  statuses"]
    for row in ROWS:
        statuses = " ".join(f"{status}:{count}" for status, count in sorted(row.statuses.items()))
        lines.append(f"{row.spec:<10} {row.role:<10} {row.operations:>4} {row.requests:>8} {row.server_errors:>4} "
                     f"{row.violations:>6}  {statuses}")
    total = sum(r.requests for r in ROWS)
    lines.append(f"total: {total} requests, {sum(r.server_errors for r in ROWS)} server errors, "
                 f"{sum(r.violations for r in ROWS)} schema violations")
    return lines
