"""The Lambda side of local mode: the template's real handlers, imported and invoked in this process.

As in Lambda, each function's CodeUri and the shared layer are import roots, the handler is `module.attr` from the
template's `Handler`, the environment is the template's (resolved against the emulated stack) and the handler gets a
Lambda context. One invocation runs at a time: a Lambda instance handles one event at a time, and the handlers keep
per-invocation state in module globals (the resolver's current event, the logger's keys, the correlation id).
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devstack.stack import ACCOUNT, REGION, ROOT, Function, Stack

# Per-function values that cannot be process-wide when every function shares one process.
PER_FUNCTION = ("POWERTOOLS_SERVICE_NAME",)


@dataclass
class LambdaContext:
    function_name: str
    memory_limit_in_mb: int
    timeout_seconds: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    started: float = field(default_factory=time.monotonic)

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return f"local/[{self.function_version}]{self.aws_request_id}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.timeout_seconds - (time.monotonic() - self.started)) * 1000))


class Runtime:
    """Loads and invokes the stack's functions. Create it after the stack's resources exist (ids are resolved)."""

    def __init__(self, stack: Stack, *, log_level: str | None = None, metrics: bool = False):
        self.stack = stack
        self.functions: dict[str, Function] = stack.functions()
        self.log_level = log_level
        self.metrics = metrics
        self._handlers: dict[str, Callable[[dict, Any], Any]] = {}
        self._lock = threading.RLock()

    # ------------------------------------------------------------ environment and imports
    def environment(self) -> dict[str, str]:
        """The union of every function's resolved environment (values that differ per function left out)."""
        merged: dict[str, str] = {}
        for function in self.functions.values():
            for name, value in function.environment.items():
                if name in PER_FUNCTION:
                    continue
                if name in merged and merged[name] != value:
                    raise RuntimeError(f"{name} differs between functions ({merged[name]!r} vs {value!r}): "
                                       "local mode runs them in one process")
                merged[name] = value
        merged["COUNTY_CONFIG_PATH"] = str(ROOT / "infra" / "counties" / f"{self.stack.county}.yaml")
        merged["POWERTOOLS_TRACE_DISABLED"] = "1"  # no X-Ray daemon here
        if not self.metrics:
            merged["POWERTOOLS_METRICS_DISABLED"] = "1"  # EMF lines on stdout are noise locally
        if self.log_level:
            merged["POWERTOOLS_LOG_LEVEL"] = self.log_level
        return merged

    def code_roots(self) -> list[str]:
        return [str(ROOT / "shared"), *sorted({str(f.code_uri) for f in self.functions.values()})]

    def packages(self) -> set[str]:
        """Top-level packages of the layer and the functions' code (common, relay, directory, ...)."""
        return {p.name for root in self.code_roots() for p in Path(root).iterdir()
                if p.is_dir() and (p / "__init__.py").exists()}

    def reset_module_state(self) -> None:
        """Forget AWS clients the handlers' modules cached (lru_cache'd boto3 clients, PynamoDB connections): built
        for another endpoint (in-process moto in other tests, or a stopped server), they would keep calling it."""
        reset_module_state(self.packages())

    def apply_environment(self) -> None:
        self.reset_module_state()
        os.environ.update(self.environment())
        if not self.metrics:
            warnings.filterwarnings("ignore", message="No application metrics to publish")
        for root in reversed(self.code_roots()):
            if root not in sys.path:
                sys.path.insert(0, root)

    def handler(self, logical_id: str) -> Callable[[dict, Any], Any]:
        if logical_id not in self._handlers:
            self._handlers[logical_id] = import_handler(self.functions[logical_id].handler)
        return self._handlers[logical_id]

    def context(self, logical_id: str) -> LambdaContext:
        props = self.stack.resources[logical_id]["Properties"]
        defaults = self.stack.template.get("Globals", {}).get("Function", {})
        return LambdaContext(
            function_name=self.stack.physical(logical_id),
            memory_limit_in_mb=int(props.get("MemorySize", defaults.get("MemorySize", 128))),
            timeout_seconds=int(props.get("Timeout", defaults.get("Timeout", 3))),
        )

    # ------------------------------------------------------------ invoking
    def invoke(self, logical_id: str, event: dict[str, Any]) -> Any:
        """Invoke one function with `event`, as Lambda would: one event at a time, a fresh context each time."""
        with self._lock:
            handler = self.handler(logical_id)
            return handler(event, self.context(logical_id))

    def by_schedule(self, name: str) -> str:
        """The function a schedule (by name or function logical id) invokes."""
        for logical_id, function in self.functions.items():
            if name == logical_id or name in function.schedules:
                if not function.schedules:
                    raise KeyError(f"{logical_id} has no schedule")
                return logical_id
        known = [s for f in self.functions.values() for s in f.schedules]
        raise KeyError(f"no schedule {name!r}; schedules: {', '.join(known) or 'none'}")

    def scheduler_event(self, logical_id: str) -> dict[str, Any]:
        """What EventBridge Scheduler's Lambda target (ScheduleV2 without Input) hands the function."""
        schedule = self.functions[logical_id].schedules[0]
        return {
            "version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event", "source": "aws.scheduler",
            "account": ACCOUNT, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "region": REGION,
            "resources": [f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/default/{schedule}"], "detail": {},
        }


def add_layer_to_path() -> None:
    """Make the shared layer (`common`) importable, as Lambda's /opt/python is: `python -m devstack` runs without
    PYTHONPATH, and the county check needs `common` before any function is loaded."""
    layer = str(ROOT / "shared")
    if layer not in sys.path:
        sys.path.insert(0, layer)


def import_handler(path: str) -> Callable[[dict, Any], Any]:
    """The template's `Handler` (`module.attr`), imported as Lambda does on a cold start."""
    module_name, _, attr = path.rpartition(".")
    return getattr(importlib.import_module(module_name), attr)


def reset_module_state(packages: set[str]) -> None:
    """Clear every module-level `lru_cache` and PynamoDB connection in the loaded modules of `packages`."""
    from pynamodb.connection import Connection
    from pynamodb.models import Model

    for name, module in list(sys.modules.items()):
        if module is None or name.split(".", 1)[0] not in packages:
            continue
        for attr, value in list(vars(module).items()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
            elif isinstance(value, type) and issubclass(value, Model) and value is not Model:
                value._connection = None
            elif isinstance(value, Connection):
                setattr(module, attr, None)
