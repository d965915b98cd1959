"""Local mode checks the county file with the deploy's checker before it starts anything."""

from __future__ import annotations

import shutil

import pytest

from common.county import CountyConfigError
from devstack.__main__ import main
from devstack.local import Local
from infra import county_tool


@pytest.fixture
def counties(tmp_path, monkeypatch):
    """A counties folder holding the demo county and an invalid one, `bad`."""
    shutil.copy(county_tool.COUNTIES / "demo.yaml", tmp_path / "demo.yaml")
    text = (county_tool.COUNTIES / "demo.yaml").read_text(encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        text.replace("code: demo", "code: bad", 1).replace("name: 데모군", "name: X\ncolour: red", 1), encoding="utf-8")
    (tmp_path / "other.yaml").write_text(text, encoding="utf-8")  # code: demo in other.yaml
    monkeypatch.setattr(county_tool, "COUNTIES", tmp_path)
    return tmp_path


@pytest.mark.parametrize("no_demo", [False, True])
def test_up_with_an_invalid_county_lists_its_problems_and_starts_nothing(counties, capsys, no_demo):
    args = ["up", "--county", "bad", "--api-port", "0", "--aws-port", "0"] + (["--no-demo"] if no_demo else [])

    assert main(args) == 1

    captured = capsys.readouterr()
    assert captured.out == ""  # no "ready"
    assert f"cannot start: county 'bad': {counties / 'bad.yaml'} has 2 problem(s)" in captured.err
    assert "  - name: " in captured.err and "  - colour: Extra inputs are not permitted" in captured.err
    assert "Traceback" not in captured.err


def test_a_county_whose_code_is_not_its_name_does_not_start(counties, capsys):
    assert main(["up", "--county", "other", "--no-demo", "--api-port", "0", "--aws-port", "0"]) == 1
    assert "code: 'demo' ≠ 파일 이름 'other'" in capsys.readouterr().err


def test_local_start_checks_the_county_before_the_emulator(counties):
    local = Local(county="bad")
    with pytest.raises(CountyConfigError):
        local.start()
    assert local.emulator is None and local.gateway is None and local.pump is None
