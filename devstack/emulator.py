"""The AWS side of local mode: a moto server on loopback with the county's stack created from template.yaml.

Every boto3 client, PynamoDB model and Powertools persistence layer in this process (and in any process that reads
`.devstack/state.json`) reaches it through `AWS_ENDPOINT_URL`, with no code change in the handlers.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from devstack.stack import REGION, Stack

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_SESSION_TOKEN": "local",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ensure_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise PortInUse(f"port {port} is in use (another `python -m devstack up`?): {error.strerror}") from error


class PortInUse(OSError):
    pass


def aws_environment(endpoint: str) -> dict[str, str]:
    """What a process needs in its environment to talk to the emulator."""
    return {**FAKE_CREDENTIALS, "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION}


@dataclass
class Emulator:
    """A running moto server holding one county's stack. `start()` sets this process's AWS environment."""

    county: str = "demo"
    port: int = 0
    template: dict[str, Any] | None = None  # default: template.yaml
    stack: Stack = field(init=False)
    server: Any = field(default=None, init=False)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def user_pool_id(self) -> str:
        return self.stack.physical("UserPool")

    @property
    def client_id(self) -> str:
        return self.stack.physical("UserPoolClient")

    @property
    def jwks_url(self) -> str:
        return f"{self.endpoint}/{self.user_pool_id}/.well-known/jwks.json"

    def start(self) -> Emulator:
        from moto.server import ThreadedMotoServer

        from devstack.moto_fixes import keep_streams_across_cancelled_transactions
        from devstack.resources import create_all

        keep_streams_across_cancelled_transactions()
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log: one line per AWS call
        if self.port:
            ensure_free(self.port)  # else our resources would go to whatever listens there (another `up`?)
        self.port = self.port or free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        os.environ.update(aws_environment(self.endpoint))
        _wait_until_listening(self.port)
        self.reset()  # an in-process moto server shares moto's backends with anything else in this process
        self.stack = create_all(Stack(self.county, template=self.template))
        return self

    def reset(self) -> None:
        """Empty every moto backend (what `/moto-api/reset` does)."""
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST", data=b"")
        with urllib.request.urlopen(request, timeout=10):
            pass

    def stop(self) -> None:
        if self.server is not None:
            self.reset()  # leave nothing behind for in-process `mock_aws` users of the same backends
            self.server.stop()
            self.server = None


def _wait_until_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)
