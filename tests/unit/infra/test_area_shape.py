"""Every area has the shape the README's "Adding an area" describes, and its imports go one way.

entry points (api, on_<event>, job_<name>) → routes → features → rules, storage, clients; rules do no I/O; storage
and clients know no feature; routes know no storage. Read from the source (ast), so a new area is checked the day
its first module lands."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
NOT_AREAS = {"relay"}  # the outbox relay is the stack's plumbing, one function shared by every area's table
AREAS = sorted(p.name for p in (ROOT / "functions").iterdir()
               if p.is_dir() and (p / p.name / "__init__.py").exists() and p.name not in NOT_AREAS)
ENTRY = re.compile(r"^(api|on_[a-z0-9_]+|job_[a-z0-9_]+)$")
AWS_LIBRARIES = ("boto3", "botocore", "pynamodb")  # only storage/ and clients/ talk to AWS
COMMON_IO = ("common.dynamo", "common.crypto", "common.consumer")  # and neither may rules, routes or models
LEGACY = ("routes.py", "logic.py", "repository.py")


def package(area: str) -> Path:
    return ROOT / "functions" / area / area


def layer(area: str, path: Path) -> str:
    relative = path.relative_to(package(area))
    if len(relative.parts) > 1:
        return relative.parts[0]  # routes, rules, storage, clients
    stem = path.stem
    if stem == "__init__":
        return "package"
    if ENTRY.match(stem):
        return "entry"
    if stem in ("models", "events"):
        return stem
    return "feature"


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules(area: str) -> list[Path]:
    return sorted(package(area).rglob("*.py"))


def area_layers_imported(area: str, names: set[str]) -> set[str]:
    """The layers of `area` the import names reach (`mileage.storage.grants` → storage, `mileage.grants` → feature)."""
    reached = set()
    for name in names:
        parts = name.split(".")
        if parts[0] != area or len(parts) < 2:
            continue
        target = package(area).joinpath(*parts[1:])
        if target.is_dir() or target.with_suffix(".py").exists():
            path = target / "__init__.py" if target.is_dir() else target.with_suffix(".py")
            reached.add(layer(area, path) if path.parent != package(area) or path.stem != "__init__" else "package")
    return reached


def test_there_are_areas_to_check():
    assert {"directory", "mileage"} <= set(AREAS)


@pytest.mark.parametrize("area", AREAS)
def test_the_area_has_the_blueprint_layout(area):
    root = package(area)
    assert (root / "api.py").exists() or not (root / "routes").exists()
    legacy = [name for name in LEGACY if (root / name).exists()]
    assert legacy == [], f"{area}: {legacy} belong in routes/, rules/ or storage/ (README: Adding an area)"
    stray = [p.relative_to(root).as_posix() for p in modules(area)
             if len(p.relative_to(root).parts) > 1 and p.relative_to(root).parts[0] not in
             ("routes", "rules", "storage", "clients")]
    assert stray == [], f"{area}: subpackages other than routes/, rules/, storage/, clients/: {stray}"


@pytest.mark.parametrize("area", AREAS)
def test_imports_go_one_way(area):
    forbidden = {
        "rules": {"entry", "routes", "feature", "storage", "clients", "models"},
        "storage": {"entry", "routes", "feature", "clients"},
        "clients": {"entry", "routes", "feature", "storage"},
        "routes": {"entry", "storage", "clients"},
        "feature": {"entry", "routes"},
        "models": {"entry", "routes", "feature", "storage", "clients"},
        "events": {"entry", "routes", "feature", "storage", "clients"},
    }
    wrong = []
    for path in modules(area):
        kind = layer(area, path)
        names = imports(path)
        reached = area_layers_imported(area, names) & forbidden.get(kind, set())
        if reached:
            wrong.append(f"{path.relative_to(ROOT)} ({kind}) imports {sorted(reached)}")
        aws = sorted(n for n in names if n.split(".")[0] in AWS_LIBRARIES)
        common_io = sorted(n for n in names if any(n == m or n.startswith(m + ".") for m in COMMON_IO))
        if kind in ("rules", "routes", "models", "events") and aws + common_io:
            wrong.append(f"{path.relative_to(ROOT)} ({kind}) does I/O itself: {aws + common_io}")
        if kind == "feature" and aws:
            wrong.append(f"{path.relative_to(ROOT)} (feature) talks to AWS itself: {aws + common_io}")
    assert wrong == []


def test_every_handler_in_the_template_is_an_entry_point_named_by_its_trigger():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    template = yaml.load((ROOT / "template.yaml").read_text(encoding="utf-8"), Loader=Loader)
    wrong = []
    for logical_id, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        module, _, _ = resource["Properties"]["Handler"].rpartition(".")
        area, _, name = module.partition(".")
        if area in AREAS and not ENTRY.match(name):
            wrong.append(f"{logical_id}: {module}")
    assert wrong == []


@pytest.mark.parametrize("area", AREAS)
def test_only_storage_knows_keys_and_index_names(area):
    outside = [p.relative_to(ROOT).as_posix() for p in modules(area) if layer(area, p) != "storage"
               and re.search(r"\bgsi[12](pk|sk)\b|\b(pk|sk)\s*=(?!=)", p.read_text(encoding="utf-8"))]
    assert outside == [], f"{area}: item keys or index names outside storage/: {outside}"


@pytest.mark.parametrize("area", AREAS)
def test_http_bodies_are_built_on_first_use(area):
    """`models.py` bases its bodies on `common.bodies` (Body, RequestBody: `defer_build`), never on pydantic's
    BaseModel directly, so a cold start builds only the bodies of the route it serves."""
    path = package(area) / "models.py"
    if not path.exists():
        pytest.skip(f"{area} has no HTTP bodies")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    direct = [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
              and any(isinstance(base, ast.Name | ast.Attribute) and ast.unparse(base).endswith("BaseModel")
                      for base in node.bases)]
    assert direct == [], f"{area}/models.py: {direct} on BaseModel (use common.bodies.Body or RequestBody)"
