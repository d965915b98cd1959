"""County configuration, checked before deploy and rendered for the county's configuration layer.

    python -m infra.county_tool check demo          # validate infra/counties/demo.yaml, list every problem
    python -m infra.county_tool render demo DIR     # validate and write DIR/county/config.json (the layer content)

A county file is `infra/counties/<code>.yaml` and is deployed as the stack `jeokgeuk-<code>` (`make deploy
COUNTY=<code>`), so the file's `code` must be its file name. `load_checked` is the one check: this tool, `make deploy`
and local mode (`python -m devstack up --county <code>`) all run it before anything else.
"""

from __future__ import annotations

import sys
from pathlib import Path

from common.county import CountyConfigError
from common.county_file import CountyConfig, parse_county

COUNTIES = Path(__file__).resolve().parent / "counties"


def county_file(code: str) -> Path:
    path = Path(code)
    return path if path.suffix in (".yaml", ".yml") else COUNTIES / f"{code}.yaml"


def _read_yaml(path: Path) -> object:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CountyConfigError(str(path), ["설정 파일이 없습니다 (file not found)"]) from None
    except UnicodeDecodeError as error:
        raise CountyConfigError(str(path), [f"UTF-8 파일이 아닙니다 (byte {error.start})"]) from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        problem = f"YAML 문법 오류: {error.problem}{_at(error.problem_mark)}"
        if error.context:  # what the parser was in, and where that began: usually the line to fix
            problem += f" ({error.context}{_at(error.context_mark)})"
        raise CountyConfigError(str(path), [problem]) from None
    except yaml.YAMLError as error:
        raise CountyConfigError(str(path), [f"YAML 문법 오류: {error}"]) from None


def _at(mark: object) -> str:
    if mark is None:
        return ""
    line, column = mark.line + 1, mark.column + 1  # type: ignore[attr-defined]
    return f", {line}행 {column}열 (line {line}, column {column})"


def load_checked(code: str) -> CountyConfig:
    """The county's validated configuration, or CountyConfigError listing every problem (YAML syntax with its
    location, the model's problems with their paths, a `code` that is not the file name)."""
    path = county_file(code)
    data = _read_yaml(path)
    problems: list[str] = []
    config = None
    try:
        config = parse_county(data, str(path))
    except CountyConfigError as error:
        problems += error.problems
    declared = data.get("code") if isinstance(data, dict) else None
    if isinstance(declared, str) and declared != path.stem:
        problems.append(f"code: '{declared}' ≠ 파일 이름 '{path.stem}' — code는 파일 이름이자 배포하는 COUNTY와 같아야 "
                        f"합니다 (the stack is jeokgeuk-<file name>)")
    if problems or config is None:
        raise CountyConfigError(str(path), problems)
    return config


def check(code: str) -> int:
    try:
        config = load_checked(code)
    except CountyConfigError as error:
        print(f"{error.source}: 설정 오류 {len(error.problems)}건")
        for problem in error.problems:
            print(f"  - {problem}")
        return 1
    print(f"{county_file(code)}: ok ({config.name}, {config.code})")
    return 0


def render(code: str, out_dir: str) -> int:
    if check(code):
        return 1
    config = load_checked(code)
    target = Path(out_dir) / "county" / "config.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(config.model_dump_json(indent=2), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "check":
        sys.exit(check(args[1]))
    if len(args) == 3 and args[0] == "render":
        sys.exit(render(args[1], args[2]))
    sys.exit(__doc__)
