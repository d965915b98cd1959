"""How infeasible guessing a receipt's secret is, under the county's limits: prints figures, asserts nothing.

    .venv/bin/python -m bench.complaint_secrets [infra/counties/<code>.yaml]

Online, one receipt: `complaints.receipt_lookup` (max_failures wrong secrets, then locked lock_minutes). Online, one
source address over any receipts: `limits.public_read` (each lookup one guess at one receipt's secret). Offline (the
table stolen): one scrypt per guess per salt, timed here. Expected time to hit one secret: half its space.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT / "shared", ROOT / "functions" / "complaints"):
    sys.path.insert(0, str(path))

YEAR = 365.25 * 86400


def years(seconds: float) -> str:
    return f"{seconds / YEAR:.2e} years"


def main(county_file: str = str(ROOT / "infra" / "counties" / "demo.yaml")) -> None:
    from common.county import load_county_file
    from complaints.rules import secrets

    county = load_county_file(county_file)
    section = county.complaints
    if section is None:
        print(f"{county_file}: no complaints section")
        return
    lookup, source = section.receipt_lookup, county.limits.public_read
    space = 2 ** secrets.SECRET_BITS
    print(f"secret: {secrets.SECRET_LENGTH} letters of {len(secrets.ALPHABET)} = {secrets.SECRET_BITS} bits "
          f"({space:.3e} secrets); expected guesses to hit one: {space / 2:.3e}")

    per_receipt = secrets.guessing(max_failures=lookup.max_failures, lock_minutes=lookup.lock_minutes)
    print(f"online, one receipt ({lookup.max_failures} failures, then locked {lookup.lock_minutes} min): "
          f"{per_receipt.guesses_per_second:.4f} guesses/s -> {years(per_receipt.expected_seconds)}")
    rate = source.requests / source.window_seconds
    print(f"online, one source address over any receipts (public_read {source.requests}/{source.window_seconds}s): "
          f"{rate:.2f} guesses/s -> {years(space / 2 / rate)}")
    for receipts in (1_000, 100_000):
        botnet = receipts * per_receipt.guesses_per_second
        print(f"online, unlimited addresses against {receipts:,} open receipts (each at its lockout): "
              f"{botnet:.1f} guesses/s -> any one secret in {years(space / 2 / botnet)}")

    timings = []
    for _ in range(5):
        start = time.perf_counter()
        secrets.SecretHash.of("ABCDE-FGHJK-LMNPQ-RSTUV")
        timings.append(time.perf_counter() - start)
    per_hash = statistics.median(timings)
    print(f"offline (the table stolen): scrypt N={secrets.SCRYPT_N} r={secrets.SCRYPT_R} p={secrets.SCRYPT_P}, "
          f"{per_hash * 1000:.1f} ms a guess on one core here -> {1 / per_hash:.1f} guesses/s/core; "
          f"a million cores: {years(space / 2 * per_hash / 1e6)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
