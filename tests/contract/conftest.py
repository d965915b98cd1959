"""Contract tests: the figures of the schemathesis runs, printed at the end of the pytest run."""

from __future__ import annotations

from tests.contract import figures


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if figures.ROWS:
        terminalreporter.section("schemathesis: requests and server errors per spec × role")
        for line in figures.table():
            terminalreporter.write_line(line)
