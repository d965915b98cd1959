"""The README's local-mode commands run as pasted: `make dev` in the background, then each bash block of the
"Local mode" section in a fresh bash, exactly as a reader copies it (curl, `make -s token`, captured ids)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.http

ROOT = Path(__file__).resolve().parents[2]
API_PORT, AWS_PORT = 3000, 5005  # the README's addresses


def local_mode_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Local mode"):text.index("## Architecture")]
    return [block for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S) if "curl" in block]


def expected_refusals(block: str) -> int:
    """Lines the README itself marks as refused (`# 403`, `# 401`, ...)."""
    return len(re.findall(r"#\s*4\d\d\b", block))


def error_bodies(output: str) -> list[str]:
    """The error bodies in what curl printed (answers follow each other with no newline between them)."""
    return re.findall(r'\{"code":"[A-Z_]+","message":', output)


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture(scope="module")
def make_dev():
    if not (port_free(API_PORT) and port_free(AWS_PORT)):
        pytest.skip(f"ports {API_PORT}/{AWS_PORT} are in use (a `make dev` already running?)")
    process = subprocess.Popen(["make", "dev"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    lines: list[str] = []
    deadline = time.monotonic() + 120
    try:
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "ready in" in line:
                break
        assert any("ready in" in line for line in lines), "".join(lines[-40:])
        yield process
    finally:
        os.killpg(process.pid, signal.SIGINT)  # make and the stack it started, as Ctrl-C does
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_local_mode_blocks_run_as_pasted(make_dev):
    blocks = local_mode_blocks()
    assert len(blocks) >= 3, "the README's local-mode examples went missing"
    for block in blocks:
        run = subprocess.run(["bash", "-o", "pipefail", "-c", f"set -e\n{block}"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
        shown = f"--- block\n{block}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"
        assert run.returncode == 0, shown
        assert "Traceback" not in run.stderr and "syntax error" not in run.stderr, shown
        refusals = error_bodies(run.stdout)
        assert len(refusals) == expected_refusals(block), shown
