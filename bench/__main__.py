"""Benchmarks: prints figures, asserts nothing.  `make bench` (or `python -m bench`).

1. Cold import: each function's handler module, our code compiled as `make build` ships it, against a bare handler
   importing the same libraries (ratio); and the handler compiled on import (our code without its `.pyc`).
   `python -m bench cold --function MileageApiFunction` times one function.
2. First invocations: each API function's import and its first GETs, in fresh interpreters against a moto server
   (bench/first.py). `python -m bench first`.
3. Warm requests on moto (in-process): each route's time beside the raw AWS calls it makes (DynamoDB; KMS where it
   decrypts), replayed with plain boto3 clients (ratio), and the DynamoDB requests per route (a Scan on a request
   path is flagged).
   `python -m bench warm` times only these.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.built import ROOT, copies

# ours: the layer's packages and every function's (a new area counts the day its folder exists)
OWN_PACKAGES = tuple(sorted({p.name for p in (ROOT / "shared").iterdir() if (p / "__init__.py").exists()}
                            | {p.name for p in (ROOT / "functions").iterdir() if p.is_dir()}))


def _third_party_modules(module: str, path: list[Path]) -> list[str]:
    """Every module outside our own packages that importing `module` loads, in load order."""
    program = (f"import sys; before = set(sys.modules); import {module}; import json; "
               "print(json.dumps([m for m in sys.modules if m not in before]))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", program], env=_env(path), check=True,
                                       capture_output=True, text=True).stdout)
    return [m for m in loaded if m.split(".")[0] not in OWN_PACKAGES]


def _env(path: list[Path]) -> dict[str, str]:
    # nothing written next to the sources: what a fresh interpreter finds compiled is exactly what was built
    return {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, path)), "PYTHONDONTWRITEBYTECODE": "1",
            "AWS_DEFAULT_REGION": "ap-northeast-2"}


def _import_ms(statements: dict[str, tuple[str, list[Path]]], repeats: int) -> dict[str, float]:
    """Each statement's CPU time (the interpreter's own, user + system) in fresh interpreters, median of `repeats`
    taking turns: an import is CPU work, and CPU time does not count the waits when other processes hold the
    machine's cores (on this shared 2-core machine wall-clock figures moved by a third between runs)."""
    program = "import time\nt = time.process_time()\n{}\nprint((time.process_time() - t) * 1000)"
    samples: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(repeats):
        for name, (statement, path) in statements.items():
            run = subprocess.run([sys.executable, "-c", program.format(statement)], env=_env(path), check=True,
                                 capture_output=True, text=True)
            samples[name].append(float(run.stdout.strip()))
    return {name: statistics.median(times) for name, times in samples.items()}


def cold_imports(only: list[str], repeats: int) -> None:
    from devstack.stack import Stack

    functions = [f for f in Stack("demo").functions().values() if not only or f.logical_id in only]
    print(f"\n== cold import (CPU ms, median of {repeats} fresh interpreters; handler = our code compiled as "
          "`make build` ships it; bare = the same third-party modules, none of ours; source = our code compiled on "
          "import; bare, no gc = the same with the collector stopped, as `common` stops it while our code loads) ==")
    print(f"{'function':34} {'handler ms':>11} {'bare ms':>9} {'ratio':>6} {'bare no gc':>11} {'ratio':>6} "
          f"{'source ms':>10}")
    code_uris = sorted({f.code_uri for f in functions})
    with tempfile.TemporaryDirectory() as tmp:
        built = copies(Path(tmp, "built"), code_uris, compiled=True)
        uncompiled = copies(Path(tmp, "source"), code_uris, compiled=False)
        for function in functions:
            module = function.handler.rsplit(".", 1)[0]
            path = [built[ROOT / "shared"], built[function.code_uri]]
            libraries = _third_party_modules(module, path)
            bare = (f"import importlib\nfor m in {libraries!r}:\n    try: importlib.import_module(m)\n"
                    "    except Exception: pass")
            ms = _import_ms({"ours": (f"import {module}", path), "bare": (bare, path),
                             "bare_no_gc": ("import gc\ngc.disable()\n" + bare, path),
                             "source": (f"import {module}", [uncompiled[ROOT / "shared"],
                                                             uncompiled[function.code_uri]])}, repeats)
            print(f"{function.logical_id:34} {ms['ours']:11.0f} {ms['bare']:9.0f} {ms['ours'] / ms['bare']:6.2f} "
                  f"{ms['bare_no_gc']:11.0f} {ms['ours'] / ms['bare_no_gc']:6.2f} {ms['source']:10.0f}")


def warm_requests(rounds: int = 50) -> None:
    from bench.routes import run_route_bench

    print(f"\n== warm requests on moto, in-process (CPU ms, median of {rounds}) ==")
    run_route_bench(rounds)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", choices=("cold", "first", "warm"), help="only this part (default: all)")
    parser.add_argument("--function", action="append", default=[], metavar="LOGICAL_ID",
                        help="cold: only this function (repeatable), e.g. MileageApiFunction")
    parser.add_argument("--repeats", type=int, default=7, help="cold, first: fresh interpreters per figure (median)")
    parser.add_argument("--rounds", type=int, default=50, help="warm: requests per route (median)")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "shared"), *(str(p) for p in sorted((ROOT / "functions").iterdir()))]
    if args.part in (None, "cold"):
        cold_imports(args.function, args.repeats)
    if args.part in (None, "first"):
        from bench.first import first_requests

        first_requests(args.repeats)
    if args.part in (None, "warm"):
        warm_requests(args.rounds)


if __name__ == "__main__":
    main()
