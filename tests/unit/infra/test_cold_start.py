"""A cold start imports what its trigger needs, nothing that only a rare request does (`make bench` has the figures;
docs/decisions.md why)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from devstack.stack import Stack

ROOT = Path(__file__).resolve().parents[3]

# loaded by the first request that needs them, never at import
ON_FIRST_USE = {
    "aws_lambda_powertools.event_handler.openapi.models": "Powertools' OpenAPI models: only Swagger UI and the spec",
    "holidays": "Korean public holidays: only a working-day question",
}


def over_entry_points(before: str, each: str, after: str) -> tuple[list[str], dict]:
    """The template's entry points, and what `after` prints (JSON) once a fresh interpreter has run `before`, then,
    for each entry point in turn, `each` around its import (`module`: its name; `importlib.import_module(module)`
    where `each` says IMPORT)."""
    functions = Stack("demo").functions().values()
    entry_points = sorted({f.handler.rsplit(".", 1)[0] for f in functions})
    step = "".join(f"    {line}\n" for line in each.replace("IMPORT", "importlib.import_module(module)").splitlines())
    program = f"import gc, importlib, json, sys\n{before}\nfor module in {entry_points!r}:\n{step}{after}\n"
    path = [str(ROOT / "shared"), *sorted({str(f.code_uri) for f in functions})]
    run = subprocess.run([sys.executable, "-c", program], env={**os.environ, "PYTHONPATH": os.pathsep.join(path)},
                         check=True, capture_output=True, text=True)
    return entry_points, json.loads(run.stdout)


def test_no_entry_point_imports_what_only_a_rare_request_needs():
    """Each entry point imported in turn in one fresh interpreter (every CodeUri on the path, as in the tests): a
    watched module is charged to the first entry point that loads it. No event model and no HTTP body is built by
    importing it either (`Event` and `common.bodies` defer it to the model's first use: a function publishes or reads
    one or two of its area's events; a cold start serves one route)."""
    entry_points, found = over_entry_points(
        f"watched, charged = {sorted(ON_FIRST_USE)!r}, {{}}",
        "IMPORT\ncharged.update({m: module for m in watched if m in sys.modules and m not in charged})",
        "from common.bodies import Body\n"
        "from common.events import Event\n"
        "models, built = [Event, Body], []\n"
        "while models:\n"
        "    model = models.pop()\n"
        "    models += model.__subclasses__()\n"
        "    built += [model.__name__] if model.__pydantic_complete__ else []\n"
        "print(json.dumps({'charged': charged, 'built': built}))")
    assert len(entry_points) >= 10
    assert {m: f"{module} ({ON_FIRST_USE[m]})" for m, module in found["charged"].items()} == {}
    assert found["built"] == []


def test_every_entry_point_freezes_what_its_import_made_and_starts_the_collector():
    """No collection while an entry point loads (from `common` on), then `gc.freeze()` and the collector started as
    its handler is built: the import's objects live as long as the Lambda, and collections walking them cost ~70 ms
    of a first request once (a GET's first time 136 → 61 ms CPU, `python -m bench first`) and ~45–75 ms of the
    consumers' imports (docs/decisions.md). An entry point that never said the import was over would run with no
    collector at all: each of the template's is imported in turn, the collector stopped again before each."""
    entry_points, found = over_entry_points(
        "usual = gc.get_threshold()\nimport common\nstopped = not gc.isenabled()\nstarted = {}",
        "assert module not in sys.modules, module  # imported by another entry point: not its own import\n"
        "gc.disable()\nIMPORT\nstarted[module] = gc.isenabled() and gc.get_threshold() == usual",
        "print(json.dumps({'stopped': stopped, 'frozen': gc.get_freeze_count(), 'started': started}))")
    assert found["stopped"] and found["frozen"] > 100_000
    assert len(found["started"]) == len(entry_points) >= 30
    assert [module for module, started in found["started"].items() if not started] == []
