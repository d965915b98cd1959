"""Warm route timings on moto (in-process), beside the raw AWS calls each route makes.

For each route case: run the real handler once to record the AWS calls it makes (bench.recorder: DynamoDB, and KMS
where a route decrypts a personal field), then time the handler and the same calls replayed with plain boto3
clients, taking turns (median of N each). The ratio says what our layers (Powertools routing, validation, pydantic,
PynamoDB) cost on top of the unavoidable calls.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import boto3
from botocore.exceptions import ClientError

from bench.recorder import recording


@dataclass
class RouteCase:
    name: str  # "GET /directory/staff/{employee_no}"
    call: Callable[[], dict[str, Any]]  # invokes the real handler, returns its response
    expect_status: int = 200


def project_directory(consumer_module: str) -> None:
    """The directory's events so far (the demo roster's import) through an area's projection consumer, as the event
    bus delivers them: the staff (department, roles) an area checks an actor against."""
    import importlib

    from tests.builders import LambdaContext, eventbridge_event, outbox, sqs_event

    consumer = importlib.import_module(consumer_module)
    envelopes = outbox("directory")
    for start in range(0, len(envelopes), 10):
        batch = sqs_event(*(eventbridge_event(e) for e in envelopes[start:start + 10]))
        assert consumer.handler(batch, LambdaContext()) == {"batchItemFailures": []}


def _median_ms(actions: list[Callable[[], Any]], rounds: int) -> list[float]:
    """Each action's median CPU time (moto runs in this process, so a request is all CPU work; CPU time does not count
    the waits when other processes hold the machine's cores); the actions take turns."""
    samples: list[list[float]] = [[] for _ in actions]
    for _ in range(rounds):
        for action, times in zip(actions, samples, strict=True):
            start = time.process_time()
            action()
            times.append((time.process_time() - start) * 1000)
    return [statistics.median(times) for times in samples]


def _replay(calls: list[tuple[str, str, dict[str, Any]]]) -> Callable[[], None]:
    region = os.environ.get("AWS_REGION", "ap-northeast-2")
    clients = {service: boto3.client(service, region_name=region) for service, _, _ in calls}

    def run() -> None:
        for service, operation, params in calls:
            method = getattr(clients[service], _snake(operation))
            with suppress(ClientError):  # a replayed conditional write may fail: the round trip is what we time
                method(**params)

    return run


def _snake(operation: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in operation).lstrip("_")


def _names(calls: list[tuple[str, str, dict[str, Any]]]) -> str:
    """The calls in order, repeats counted: `GetItem,Query,kms:Decrypt×27`."""
    names = [op if service == "dynamodb" else f"{service}:{op}" for service, op, _ in calls]
    runs = [(name, len(list(run))) for name, run in groupby(names)]
    return ",".join(name if count == 1 else f"{name}×{count}" for name, count in runs) or "-"


def measure(cases: list[RouteCase], rounds: int) -> None:
    print(f"{'route':52} {'status':>6} {'ddb req':>7} {'route ms':>9} {'raw ms':>7} {'ratio':>6}  calls")
    for case in cases:
        case.call()  # warm: imports, clients, connections
        with recording() as calls:
            status = case.call()["statusCode"]
        times = _median_ms([case.call, _replay(calls)] if calls else [case.call], rounds)
        route_ms, raw_ms = times[0], times[1] if calls else 0.0
        dynamo = [op for service, op, _ in calls if service == "dynamodb"]
        names = _names(calls)
        flag = "  <-- SCAN on a request path" if "Scan" in dynamo else ""
        bad = "" if status == case.expect_status else f"  (expected {case.expect_status})"
        ratio = f"{route_ms / raw_ms:6.2f}" if raw_ms else "     -"
        print(f"{case.name:52} {status:6} {len(dynamo):7} {route_ms:9.2f} {raw_ms:7.2f} {ratio}  {names}{flag}{bad}")


def run_route_bench(rounds: int) -> None:
    from moto import mock_aws

    from bench.cases import all_cases

    with mock_aws():
        for area, cases in all_cases(rounds):
            print(f"-- {area}")
            measure(cases, rounds)
