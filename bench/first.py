"""First invocations: what a cold Lambda spends after the import, until its first answers.

A fresh interpreter per sample imports an API function's handler (our code compiled, as `make build` ships it) and
answers a few GETs in turn, each route's first time, against a moto server holding the stack (devstack's emulator,
over loopback) with the county file as the layer ships it (JSON). A route's first time includes the county check,
Powertools building its validation models, the AWS clients it is the first to need, and its calls. CPU time of the
function's process: the moto server's own work and the loopback waits are not the function's.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.built import ROOT, copies
from bench.cases import AUDITOR, CLERK, FIN_HEAD
from tests.builders import api_event

# per API function: the GETs answered in turn, each its route's first time
ROUTES: dict[str, list[tuple[str, str, dict[str, Any], dict[str, str] | None]]] = {
    "DirectoryApiFunction": [("GET /directory/me", "/directory/me", CLERK, None),
                             ("GET /directory/departments", "/directory/departments", CLERK, None),
                             ("GET /directory/role-grants", "/directory/role-grants", AUDITOR, None)],
    "MileageApiFunction": [("GET /mileage/accounts/{no}", "/mileage/accounts/2026013", CLERK, None),
                           ("GET /mileage/grants", "/mileage/grants", FIN_HEAD, None),
                           ("GET /mileage/redemptions", "/mileage/redemptions", CLERK, {"employee_no": "2026013"})],
}

PROGRAM = """
import json, sys, time, uuid
class Context:
    function_name, memory_limit_in_mb = "bench", 512
    invoked_function_arn = "arn:aws:lambda:ap-northeast-2:123456789012:function:bench"
    aws_request_id = str(uuid.uuid4())
    def get_remaining_time_in_millis(self): return 30000
events = json.loads(sys.stdin.read())
start = time.process_time()
from {module} import handler
times, statuses = [(time.process_time() - start) * 1000], []
for event in events:
    start = time.process_time()
    statuses.append(handler(event, Context())["statusCode"])
    times.append((time.process_time() - start) * 1000)
print(json.dumps([times, statuses]))
"""


def first_requests(repeats: int) -> None:
    from devstack.emulator import Emulator
    from infra.county_tool import render

    print(f"\n== first invocations (CPU ms of the function's process, median of {repeats} fresh interpreters; import, "
          "then each GET's first time, against a moto server over loopback) ==")
    emulator = Emulator().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.devnull, "w") as quiet:
                sys.stdout, stdout = quiet, sys.stdout
                try:
                    render(emulator.county, tmp)
                finally:
                    sys.stdout = stdout
            functions = [emulator.stack.functions()[logical_id] for logical_id in ROUTES]
            built = copies(Path(tmp, "built"), sorted({f.code_uri for f in functions}), compiled=True)
            for function, routes in zip(functions, ROUTES.values(), strict=True):
                env = {**os.environ, **function.environment, "POWERTOOLS_TRACE_DISABLED": "1",
                       "COUNTY_CONFIG_PATH": str(Path(tmp, "county", "config.json")), "PYTHONDONTWRITEBYTECODE": "1",
                       "PYTHONPATH": os.pathsep.join([str(built[ROOT / "shared"]), str(built[function.code_uri])])}
                events = json.dumps([api_event("GET", path, claims=claims, query=query)
                                     for _, path, claims, query in routes])
                program = PROGRAM.format(module=function.handler.rsplit(".", 1)[0])
                samples = [json.loads(subprocess.run([sys.executable, "-c", program], input=events, env=env, check=True,
                                                     capture_output=True, text=True).stdout.splitlines()[-1])
                           for _ in range(repeats)]  # the last line: the handler logs before it
                medians = [statistics.median(times) for times in zip(*(times for times, _ in samples), strict=True)]
                statuses = samples[0][1]
                print(f"{function.logical_id:34} import {medians[0]:5.0f} ms" + "".join(
                    f" · {name} ({status}) {ms:4.0f}"
                    for (name, *_), status, ms in zip(routes, statuses, medians[1:], strict=True)))
    finally:
        emulator.stop()
