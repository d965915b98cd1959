from pathlib import Path

import pytest

from common.county import CountyConfigError, load_county_file, parse_county
from infra import county_tool

ROOT = Path(__file__).resolve().parents[3]


def test_demo_county_is_valid():
    config = load_county_file(ROOT / "infra" / "counties" / "demo.yaml")
    assert config.code == "demo" and config.timezone == "Asia/Seoul"


def test_every_problem_is_reported_with_its_path():
    with pytest.raises(CountyConfigError) as error:
        parse_county({"code": "Bad Code", "name": "x", "timezone": "UTC", "surprise": 1,
                      "directory": {"employment_types": []}})
    problems = "\n".join(error.value.problems)
    for path in ("code", "name", "timezone", "surprise", "directory.employment_types"):
        assert f"{path}:" in problems


def test_check_command_exit_codes(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: demo\nname: 데모군\ntimezone: Europe/Paris\n", encoding="utf-8")
    assert county_tool.check(str(bad)) == 1
    assert "timezone" in capsys.readouterr().out
    assert county_tool.check("demo") == 0


def test_render_writes_the_layer_file(tmp_path):
    assert county_tool.render("demo", str(tmp_path)) == 0
    rendered = load_county_file(tmp_path / "county" / "config.json")
    assert rendered == load_county_file(ROOT / "infra" / "counties" / "demo.yaml")


def test_a_handler_refuses_to_serve_under_an_invalid_county_file(tmp_path, monkeypatch, context):
    from common.county import county
    from tests.builders import api_event
    from tests.unit.common.test_http import handler

    bad = tmp_path / "bad.yaml"
    bad.write_text("code: demo\nname: 데모군\nsurprise: true\n", encoding="utf-8")
    monkeypatch.setenv("COUNTY_CONFIG_PATH", str(bad))
    county.cache_clear()
    try:
        with pytest.raises(CountyConfigError) as error:
            handler(api_event("GET", "/t/things/1"), context)
        assert "surprise" in str(error.value)
    finally:
        county.cache_clear()
