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


# What a running function reads (`county()`): one section at a time, with that section's model.

def test_the_running_county_names_exactly_the_fields_of_the_whole_files_model():
    from common.county import SCALARS, SECTIONS
    from common.county_file import CountyConfig

    assert set(SECTIONS) | set(SCALARS) == set(CountyConfig.model_fields)


@pytest.mark.parametrize("data", [
    pytest.param(None, id="demo"),
    pytest.param({"code": "min", "name": "최소군"}, id="only-what-is-required"),
])
def test_each_section_read_alone_equals_the_whole_files_validation(data):
    import yaml

    from common.county import SCALARS, SECTIONS, County

    if data is None:
        data = yaml.safe_load((ROOT / "infra" / "counties" / "demo.yaml").read_text(encoding="utf-8"))
    whole, running = parse_county(data), County(data, "test")
    for name in [*SECTIONS, *SCALARS]:
        assert getattr(running, name) == getattr(whole, name), name


def test_a_bad_section_fails_on_its_first_read_with_its_path_and_an_unknown_key_at_once():
    from common.county import County

    running = County({"code": "x1", "name": "엑스군", "limits": {"public_write": {"requests": 0,
                                                                                   "window_seconds": 60}}}, "test")
    assert running.directory.max_leavers_without_confirm == 10
    with pytest.raises(CountyConfigError, match=r"limits\.public_write\.requests"):
        running.limits  # noqa: B018 (the read is the test)
    with pytest.raises(CountyConfigError, match="surprise"):
        County({"code": "x1", "name": "엑스군", "surprise": 1}, "test")


def test_the_running_county_imports_no_area_section_it_does_not_read():
    import subprocess
    import sys

    probe = ("import sys; from common.county import county; c = county(); c.limits; c.offices; "
             "print(sorted(m for m in sys.modules if m.startswith('common.county_')))")
    env = {"PYTHONPATH": str(ROOT / "shared"), "COUNTY_CONFIG_PATH": str(ROOT / "infra" / "counties" / "demo.yaml")}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "[]"
