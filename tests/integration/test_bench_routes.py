"""The warm-request bench still runs: each area's route cases build their data and every measured route answers
with the status its case expects, and none scans (`python -m bench warm` prints the figures; this checks only that
there are figures to print, so an area's change that breaks its bench shows here, not at the next measurement)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_bench_route_answers_as_its_case_expects():
    run = subprocess.run([sys.executable, "-m", "bench", "warm", "--rounds", "1"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join((str(ROOT / "shared"), str(ROOT)))})
    assert run.returncode == 0, run.stderr[-3000:]
    rows = [line for line in run.stdout.splitlines() if line.startswith(("GET ", "POST ", "PUT ", "DELETE "))]
    areas = {line[3:].strip() for line in run.stdout.splitlines() if line.startswith("-- ")}
    assert {"directory", "mileage", "committee", "complaints", "selection", "consulting"} <= areas
    assert len(rows) >= 30
    assert [line for line in rows if "(expected" in line or "SCAN" in line] == []
