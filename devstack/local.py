"""The whole local stack in one object: emulator (moto server), runtime (the real handlers), pump (event delivery),
gateway (the HTTP API). Used by `python -m devstack up` and by the HTTP tests."""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devstack.stack import ROOT, Stack

log = logging.getLogger("devstack")

STATE_FILE = ROOT / ".devstack" / "state.json"


@dataclass
class Local:
    county: str = "demo"
    api_port: int = 0
    aws_port: int = 0
    log_level: str | None = "WARNING"  # the functions' Powertools log level (the template's default is INFO)
    retry_delay: int = 1  # seconds before a failed SQS message is visible again
    emulator: Any = None
    runtime: Any = None
    pump: Any = None
    gateway: Any = None
    tolerate_demo_failure: bool = False  # `up` still starts (empty) when the demo roster cannot be loaded
    demo_error: str | None = None
    users: list[str] = field(default_factory=list)
    residents: list[str] = field(default_factory=list)  # the demo residents' emails (their own pool)
    timings: dict[str, float] = field(default_factory=dict)

    def check_county(self) -> None:
        """Validate the county file with the deploy's checker (`infra.county_tool`) before anything starts: a bad file
        raises CountyConfigError with every problem, instead of failing later inside every function."""
        from devstack.runtime import add_layer_to_path

        add_layer_to_path()
        from infra.county_tool import load_checked

        load_checked(self.county)

    def start(self, *, demo: bool = True, background_pump: bool = True) -> Local:
        from devstack.emulator import Emulator
        from devstack.gateway import Gateway, authorizers_for
        from devstack.pump import Pump
        from devstack.runtime import Runtime

        self.check_county()
        started = time.perf_counter()
        self.emulator = Emulator(self.county, port=self.aws_port).start()
        self.timings["emulator"] = time.perf_counter() - started
        self.runtime = Runtime(self.emulator.stack, log_level=self.log_level)
        self.runtime.apply_environment()
        self.pump = Pump(self.runtime, retry_delay=self.retry_delay)
        if demo:
            from devstack.demo import DEMO_PASSWORD, BootstrapError, load_demo, set_demo_passwords

            try:
                self.users = load_demo(self.runtime, self.pump)
                set_demo_passwords(self.stack, self.users)
                from devstack.residents import load_demo_residents

                self.residents = load_demo_residents(self.stack, DEMO_PASSWORD)
            except BootstrapError as error:
                if not self.tolerate_demo_failure:
                    raise
                self.demo_error = str(error)
            self.timings["demo"] = time.perf_counter() - started - self.timings["emulator"]
        if background_pump:
            self.pump.start()
        self.gateway = Gateway(self.runtime, authorizers_for(self.runtime, self.emulator.endpoint),
                               port=self.api_port).start()
        self.timings["total"] = time.perf_counter() - started
        return self

    @property
    def stack(self) -> Stack:
        return self.emulator.stack

    def state(self) -> dict[str, Any]:
        return {
            "county": self.county, "pid": os.getpid(),
            "api_url": self.gateway.url, "api_port": self.gateway.port,
            "endpoint": self.emulator.endpoint, "aws_port": self.emulator.port,
            "user_pool_id": self.stack.physical("UserPool"), "client_id": self.stack.physical("UserPoolClient"),
            "resident_pool_id": self.stack.physical("ResidentUserPool"),
            "resident_client_id": self.stack.physical("ResidentUserPoolClient"),
            "key_id": self.stack.physical("PersonalDataKey"), "runtime_ids": dict(self.stack.runtime_ids),
        }

    def write_state(self, path: Path = STATE_FILE) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.state(), indent=2) + "\n", encoding="utf-8")

    def stop(self) -> None:
        if self.gateway is not None:
            self.gateway.stop()
        if self.pump is not None:
            self.pump.stop()
        if self.emulator is not None:
            self.emulator.stop()


def read_state(path: Path = STATE_FILE) -> dict[str, Any]:
    if not path.exists():
        raise SystemExit("local stack is not running: start it with `python -m devstack up` (or `make dev`)")
    return json.loads(path.read_text(encoding="utf-8"))


def attach(state: dict[str, Any]) -> Stack:
    """Point this process at a running local stack: its AWS environment, and the stack with its runtime ids."""
    from devstack.emulator import aws_environment

    os.environ.update(aws_environment(state["endpoint"]))
    stack = Stack(state["county"])
    stack.runtime_ids.update(state["runtime_ids"])
    return stack
