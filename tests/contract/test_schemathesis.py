"""Every spec against the running local stack, with a token per role: schemathesis generates requests from each
function's OpenAPI spec (valid and invalid data, a bounded number per operation, derandomized so CI repeats the same
run) and sends them over HTTP through the local gateway (JWT authorizer, payload v2 events, the real handlers, moto).

Must hold: no server error, and every answer is one the spec declares (status, content type, body schema).
The figures (requests and server errors per spec × role) are printed at the end of the pytest run.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.builders import running_local
from tests.contract.figures import Row

pytestmark = pytest.mark.http

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
schemathesis.serializer.alias("text/csv", "application/octet-stream")
schemathesis.serializer.alias(XLSX, "application/octet-stream")

# One demo employee per role (infra/demo/README.md).
ROLES = {
    "staff": "2026013",
    "dept_head": "2026011",
    "audit": "2026002",
    "hr": "2026007",
    "admin": "2026010",
    "panel": "2026009",
    "committee": "2026016",  # also head of CON: the demo has no member who is only on the committee
}
RESIDENT = "resident"  # a demo resident of the residents' pool (infra/demo/residents.csv)


def api_modules() -> dict[str, str]:
    """Every area's API entry point, from the template: area → module (a new area's spec is tested the day it has
    an API function)."""
    from devstack.stack import Stack

    return {f.handler.split(".")[0]: f.handler.rsplit(".", 1)[0] for f in Stack("demo").functions().values()
            if f.handler.endswith(".api.handler")}


SPECS = api_modules()
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "3"))  # per operation, per generation mode
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def local():
    with running_local(drain=True) as started:
        yield started


def load_spec(module: str) -> Any:
    import importlib

    app = importlib.import_module(module).app
    return schemathesis.openapi.from_dict(json.loads(app.get_openapi_json_schema(title=module, version="1")))


def exercise(operation: Any, mode: Any, base_url: str, token: str, row: Row) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    def run(case: Any) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        response = case.call(base_url=base_url, headers=headers, timeout=60)
        row.requests += 1
        row.statuses[response.status_code] = row.statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            row.server_errors += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (AssertionError, FailureGroup) as failure:  # schemathesis: a group of every failed check
            if response.status_code < 500:
                row.violations += 1
            if len(row.failures) < 20:
                text = " ".join(str(failure).split())[:300]
                row.failures.append(f"{case.method} {case.path} → {response.status_code}: {text}")

    with contextlib.suppress(Unsatisfiable):  # e.g. no invalid request can be made for an operation taking nothing
        run()


def tokens(local: Any, spec: str, folder: Any) -> dict[str, str]:
    """An ID token per staff role, and one of a resident of the residents' pool made for this spec (a spec's run may
    withdraw its resident: `DELETE /residents/me` deletes the sign-in)."""
    from devstack.demo import DEMO_PASSWORD, sign_in
    from devstack.residents import load_demo_residents, resident_sign_in

    staff = {role: sign_in(local.stack.physical("UserPool"), local.stack.physical("UserPoolClient"),
                           employee_no)["IdToken"] for role, employee_no in ROLES.items()}
    listed = folder / f"{spec}-resident.csv"
    listed.write_text(f"email,note\ncontract.{spec}@example.com,schemathesis\n", encoding="utf-8")
    [resident] = load_demo_residents(local.stack, DEMO_PASSWORD, listed)
    return {**staff, RESIDENT: resident_sign_in(local.stack, resident, DEMO_PASSWORD)["IdToken"]}


@pytest.mark.parametrize("spec", sorted(SPECS))
def test_every_operation_answers_as_its_spec_says_for_every_role(local, spec, request, tmp_path):
    schema = load_spec(SPECS[spec])
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations
    rows = []
    for role, token in tokens(local, spec, tmp_path).items():
        row = Row(spec=spec, role=role, operations=len(operations))
        for operation in operations:
            for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
                exercise(operation, mode, local.gateway.url, token, row)
        request.node.user_properties.append(("schemathesis", asdict(row)))  # reaches the summary, xdist too
        rows.append(row)
    failures = [f"{row.role}: {failure}" for row in rows for failure in row.failures]
    assert sum(row.requests for row in rows) >= len(operations) * (len(ROLES) + 1)
    assert not failures, "\n".join(failures[:40])
