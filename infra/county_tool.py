"""County configuration, checked before deploy and rendered for the county's configuration layer.

    python -m infra.county_tool check demo          # validate infra/counties/demo.yaml, list every problem
    python -m infra.county_tool render demo DIR     # validate and write DIR/county/config.json (the layer content)
"""

from __future__ import annotations

import sys
from pathlib import Path

from common.county import CountyConfigError, load_county_file

COUNTIES = Path(__file__).resolve().parent / "counties"


def county_file(code: str) -> Path:
    path = Path(code)
    return path if path.suffix in (".yaml", ".yml") else COUNTIES / f"{code}.yaml"


def check(code: str) -> int:
    try:
        config = load_county_file(county_file(code))
    except FileNotFoundError:
        print(f"설정 파일이 없습니다: {county_file(code)}")
        return 1
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
    config = load_county_file(county_file(code))
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
