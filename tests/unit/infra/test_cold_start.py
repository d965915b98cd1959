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


def test_no_entry_point_imports_what_only_a_rare_request_needs():
    """Each entry point imported in turn in one fresh interpreter (every CodeUri on the path, as in the tests): a
    watched module is charged to the first entry point that loads it. No event model and no HTTP body is built by
    importing it either (`Event` and `common.bodies` defer it to the model's first use: a function publishes or reads
    one or two of its area's events; a cold start serves one route)."""
    functions = Stack("demo").functions().values()
    entry_points = sorted({f.handler.rsplit(".", 1)[0] for f in functions})
    program = ("import importlib, json, sys\n"
               f"watched, charged = {sorted(ON_FIRST_USE)!r}, {{}}\n"
               f"for module in {entry_points!r}:\n"
               "    importlib.import_module(module)\n"
               "    charged.update({m: module for m in watched if m in sys.modules and m not in charged})\n"
               "from common.bodies import Body\n"
               "from common.events import Event\n"
               "models, built = [Event, Body], []\n"
               "while models:\n"
               "    model = models.pop()\n"
               "    models += model.__subclasses__()\n"
               "    built += [model.__name__] if model.__pydantic_complete__ else []\n"
               "print(json.dumps({'charged': charged, 'built': built}))")
    path = [str(ROOT / "shared"), *sorted({str(f.code_uri) for f in functions})]
    run = subprocess.run([sys.executable, "-c", program], env={**os.environ, "PYTHONPATH": os.pathsep.join(path)},
                         check=True, capture_output=True, text=True)
    found = json.loads(run.stdout)
    assert len(entry_points) >= 10
    assert {m: f"{module} ({ON_FIRST_USE[m]})" for m, module in found["charged"].items()} == {}
    assert found["built"] == []


def test_an_api_or_consumer_entry_point_freezes_what_its_import_made():
    """`gc.freeze()` as the handler is built: the import's objects live as long as the Lambda, and a full collection
    walking them on a first request cost ~70 ms (a GET's first time 136 → 61 ms CPU, `python -m bench first`). While
    the import runs (from `common` on) the young generation waits for 50,000 allocations instead of 700, and gets its
    usual threshold back with the freeze."""
    program = ("import gc, importlib, json, sys\n"
               "usual = gc.get_threshold()\n"
               "import common\n"
               "during = gc.get_threshold()\n"
               "importlib.import_module(sys.argv[1])\n"
               "print(json.dumps([gc.get_freeze_count(), usual, during, gc.get_threshold()]))")
    path = os.pathsep.join(str(ROOT / p) for p in ("shared", "functions/directory", "functions/mileage"))
    for module in ("directory.api", "mileage.api", "mileage.on_employee_event"):
        run = subprocess.run([sys.executable, "-c", program, module], env={**os.environ, "PYTHONPATH": path},
                             check=True, capture_output=True, text=True)
        frozen, usual, during, after = json.loads(run.stdout)
        assert frozen > 10_000, module
        assert (during[0], after) == (50_000, usual), module
