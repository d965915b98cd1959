"""The county checker: every problem with where it is, never a traceback; a file's `code` is its file name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from common.county import CountyConfigError
from infra import county_tool

DEMO = Path(county_tool.__file__).resolve().parent / "counties" / "demo.yaml"


def county_copy(tmp_path: Path, name: str, *, replace: tuple[str, str] | None = None) -> Path:
    path = tmp_path / name
    shutil.copy(DEMO, path)
    if replace:
        text = DEMO.read_text(encoding="utf-8")
        assert replace[0] in text
        path.write_text(text.replace(replace[0], replace[1], 1), encoding="utf-8")
    return path


def test_bad_yaml_is_one_problem_with_its_line_and_column(tmp_path, capsys):
    broken = tmp_path / "demo.yaml"
    broken.write_text("code: demo\nname: [unclosed\n", encoding="utf-8")

    assert county_tool.check(str(broken)) == 1

    out = capsys.readouterr().out
    assert f"{broken}: 설정 오류 1건" in out
    assert "YAML" in out and "line 3, column 1" in out  # where the parser found the file ended
    assert "while parsing a flow sequence, 2행 7열 (line 2, column 7)" in out  # where the unclosed [ is
    assert "Traceback" not in out


def test_a_code_other_than_the_file_name_is_refused(tmp_path, capsys):
    renamed = county_copy(tmp_path, "demo.yaml", replace=("code: demo", "code: other"))

    assert county_tool.check(str(renamed)) == 1
    assert "code: 'other' ≠ 파일 이름 'demo'" in capsys.readouterr().out

    copied = county_copy(tmp_path, "gangjin.yaml")  # a new county's file, its code not yet changed
    with pytest.raises(CountyConfigError) as error:
        county_tool.load_checked(str(copied))
    (problem,) = error.value.problems
    assert problem.startswith("code: 'demo' ≠ 파일 이름 'gangjin'")


def test_the_code_check_comes_with_the_model_problems(tmp_path):
    both = county_copy(tmp_path, "demo.yaml", replace=("code: demo", "code: other\nsurprise: 1"))
    with pytest.raises(CountyConfigError) as error:
        county_tool.load_checked(str(both))
    assert [p.split(":", 1)[0] for p in error.value.problems] == ["surprise", "code"]


def test_render_refuses_what_check_refuses(tmp_path, capsys):
    renamed = county_copy(tmp_path, "demo.yaml", replace=("code: demo", "code: other"))
    assert county_tool.render(str(renamed), str(tmp_path / "out")) == 1
    assert not (tmp_path / "out").exists()
    assert county_tool.render("demo", str(tmp_path / "layer")) == 0
    assert (tmp_path / "layer" / "county" / "config.json").exists()


def test_missing_and_non_utf8_files_are_problems_not_tracebacks(tmp_path, capsys):
    assert county_tool.check(str(tmp_path / "nope.yaml")) == 1
    cp949 = tmp_path / "demo.yaml"
    cp949.write_bytes("code: demo\nname: 데모군\n".encode("cp949"))
    assert county_tool.check(str(cp949)) == 1
    out = capsys.readouterr().out
    assert "설정 파일이 없습니다" in out and "UTF-8" in out
